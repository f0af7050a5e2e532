using System.Buffers.Text;
using System.Security.Cryptography;
using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Forms;

internal static class CreateForm
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, FormWriter writer, PublicLinks links)
    {
        public async Task<FormView> HandleAsync(FormInput input, CancellationToken cancellationToken)
        {
            var form = new WebForm { TenantId = access.TenantId, Key = NewKey(), Name = "" };
            await writer.ApplyAsync(form, input, creating: true, cancellationToken);
            db.Forms.Add(form);
            await db.SaveChangesAsync(cancellationToken);
            return FormView.From(form, links);
        }

        /// <summary>128 random bits as 22 URL-safe characters: the key is public in the embed code, but nobody can guess another form's.</summary>
        private static string NewKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/forms", async Task<Created<FormView>> (FormInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var form = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(form.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/forms/{form.Id}", form);
        })
        .WithName("CreateWebForm")
        .WithSummary("Create a web form for websites: fields mapped to lead fields, consent text, thank-you message, allowed origins; the answer has its embed code");
}
