using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Portico.Console.Shell;
using Portico.Identity.Accounts;

namespace Portico.Identity.Pages;

/// <summary>
/// The one way every console sign-in ends (password, email code after sign-up, magic link, external provider):
/// a second-factor challenge is shown by <see cref="SecondFactorStep"/>; a started session becomes the
/// <c>portico.console</c> cookie through a short-lived ticket posted to <c>/console/session</c> (the circuit
/// itself cannot set cookies).
/// </summary>
public abstract class SignInFlow : ConsoleComponent
{
    [Inject] private AntiforgeryStateProvider Antiforgery { get; set; } = default!;

    [Inject] protected IJSRuntime JS { get; set; } = default!;

    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }

    /// <summary>The pending second-factor challenge, once a first factor succeeded on an account that has one.</summary>
    internal Login.Response? Challenge { get; private set; }

    protected override bool RedirectsToSignIn => false;

    protected override bool ShowsProblemsInPlace => true;

    /// <summary>Either shows the second step, or starts the console session for the signed-in account.</summary>
    internal async Task FinishAsync(Login.Response response)
    {
        if (response.MfaRequired == true)
        {
            Challenge = response;
            StateHasChanged();
            return;
        }

        await StartSessionAsync(response.SessionId!.Value);
    }

    /// <summary>Turns a started identity session into the console's cookie (via <c>/console/session</c>) and lands on <see cref="ReturnUrl"/>.</summary>
    protected async Task StartSessionAsync(Guid sessionId)
    {
        var ticket = await Caller.InScopeAsync(null, (services, _, ct) => services.GetRequiredService<ConsoleSignIn>().TicketAsync(sessionId, ct));
        var antiforgery = Antiforgery.GetAntiforgeryToken()!;
        await JS.InvokeVoidAsync("portico.postForm", "/console/session", new Dictionary<string, string?>
        {
            ["ticket"] = ticket,
            ["returnUrl"] = ReturnUrl,
            [antiforgery.FormFieldName] = antiforgery.Value,
        });
    }
}
