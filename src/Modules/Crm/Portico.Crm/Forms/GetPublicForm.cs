namespace Portico.Crm.Forms;

/// <summary>What a website needs to render a form: its texts and inputs (not where the leads go), and a fresh started token.</summary>
internal static class GetPublicForm
{
    /// <summary>A field as visitors see it: what it fills in the CRM stays private.</summary>
    internal sealed record PublicField(string Name, string Label, string Type, bool Required, string[]? Options, string? Placeholder);

    internal sealed record Definition(
        string Key, string? Title, IReadOnlyList<PublicField> Fields, string? ConsentText, string SubmitLabel, string Locale,
        string HoneypotField, string SubmissionUrl, string StartedToken);

    internal sealed class Handler(PublicForms forms, StartedTokens tokens)
    {
        public async Task<(WebForm Form, Definition Definition)> HandleAsync(string key, CancellationToken cancellationToken)
        {
            var form = await forms.EnterAsync(key, cancellationToken);
            var fields = FormField.Parse(form.Fields).Select(f => new PublicField(f.Name, f.Label, f.Type, f.Required, f.Options, f.Placeholder)).ToList();
            return (form, new Definition(form.Key, form.Title, fields, form.ConsentText, form.SubmitLabel, form.Locale,
                SubmitForm.HoneypotField, FormEmbed.SubmissionPath(form.Key), tokens.Issue(form.Key)));
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/public/forms/{formKey}", async Task<Ok<Definition>> (string formKey, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var (form, definition) = await handler.HandleAsync(formKey, ct);
            if (FormOrigins.OriginOf(http.Request) is { } origin && FormOrigins.Allows(form, origin, http.Request))
            {
                FormOrigins.AllowReading(http.Response, origin);
            }

            // Each load carries its own started token: never cached.
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(definition);
        })
        .AllowAnonymous()
        .WithFormCors()
        .WithTags("Public")
        .WithName("GetPublicWebForm")
        .WithSummary("A web form's definition for rendering it, with a started token to send back with the submission");
}
