using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Portico.Crm.Pages;

/// <summary>The deals board: the leads board's screen at its own route (a page carries one route).</summary>
[Route("/t/{Slug}/crm/deals")]
[Authorize]
public sealed class CrmDealsBoard : CrmBoard;
