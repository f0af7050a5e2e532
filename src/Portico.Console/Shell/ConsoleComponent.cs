using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portico.Kernel.Errors;

namespace Portico.Console.Shell;

/// <summary>
/// Base of console pages and components that run use cases: <see cref="Caller"/> runs them, <see cref="TryAsync"/>
/// turns a refused request into what a person understands (a toast, field errors, the sign-in page), never a crash;
/// refusals and field errors are in the user's language (<see cref="ConsoleTexts.Refusal(PorticoProblemException)"/>).
/// </summary>
public abstract class ConsoleComponent : ComponentBase
{
    [Inject] protected ConsoleCaller Caller { get; set; } = default!;

    [Inject] protected ConsoleTexts T { get; set; } = default!;

    [Inject] protected ISnackbar Toasts { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>Field errors of the last refused request (422), by field name, in the user's language, for forms to show.</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Set when the page's record or tenant does not exist for this user (404).</summary>
    protected bool Missing { get; private set; }

    /// <summary>True while a use case runs (buttons show progress and do not submit twice).</summary>
    protected bool Busy { get; private set; }

    /// <summary>Why the last use case was refused, for pages that say it in place (<see cref="ShowsProblemsInPlace"/>).</summary>
    protected string? Problem { get; private set; }

    /// <summary>Forms such as sign-in say what went wrong beside the button rather than in a toast.</summary>
    protected virtual bool ShowsProblemsInPlace => false;

    protected string? FieldError(string field) => FieldErrors.TryGetValue(field, out var errors) ? string.Join(" ", errors) : null;

    /// <summary>Runs <paramref name="work"/>; returns false when it was refused, after telling the user why.</summary>
    protected async Task<bool> TryAsync(Func<Task> work)
    {
        Busy = true;
        Problem = null;
        FieldErrors = new Dictionary<string, string[]>();
        try
        {
            await work();
            return true;
        }
        catch (UnauthorizedException) when (RedirectsToSignIn)
        {
            Navigation.NavigateTo($"/sign-in?returnUrl={Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri))}", forceLoad: true);
            return false;
        }
        catch (NotFoundException)
        {
            Missing = true;
            return false;
        }
        catch (ValidationException validation)
        {
            FieldErrors = T.InvalidFields(validation.Errors);
            Problem = string.Join(" ", FieldErrors.SelectMany(e => e.Value));
            Tell(T.InvalidSentence(validation.Errors), Severity.Warning);
            return false;
        }
        catch (PorticoProblemException problem)
        {
            Problem = T.Refusal(problem);
            Tell(Problem, problem.Status >= 500 ? Severity.Error : Severity.Warning);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    private void Tell(string message, Severity severity)
    {
        if (!ShowsProblemsInPlace)
        {
            Toasts.Add(message, severity);
        }
    }

    /// <summary>Sign-in pages handle a 401 themselves (a wrong password is not an ended session).</summary>
    protected virtual bool RedirectsToSignIn => true;
}
