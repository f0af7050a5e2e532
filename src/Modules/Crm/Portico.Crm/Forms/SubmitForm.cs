using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Portico.Crm.Activities;
using Portico.Crm.Contracts;
using Portico.Crm.Leads;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.Data;
using Portico.Data.Events;

namespace Portico.Crm.Forms;

/// <summary>
/// A visitor sends a form. Spam defence comes first: an <c>Origin</c> (or <c>Referer</c>) among the form's allowed
/// origins, a per-address rate limit, the honeypot (a bot that fills it is thanked and ignored), and the started
/// token (two hours at most by default, no faster than the form's minimum fill time, and good for one submission). Then the values are checked by their types and become a lead through
/// <see cref="LeadIntake"/>, with a <c>form_submission</c> activity, <c>lead.created</c> and the form's counter;
/// an open lead with the same email or phone gets the activity instead of a twin.
/// </summary>
internal static class SubmitForm
{
    public const string HoneypotField = "website";

    /// <summary>The body: <c>fields</c> by name, the consent checkbox, the token from the definition, and the honeypot.</summary>
    internal sealed record Submission(Dictionary<string, JsonElement>? Fields, bool? Consent, string? StartedToken, string? Website);

    internal sealed record Thanks(string Message);

    /// <summary>422 <c>too-fast</c>: the form came back sooner than a person could have filled it in.</summary>
    internal sealed class TooFastException(string detail) : PorticoProblemException("Submitted too fast", detail)
    {
        public override int Status => 422;

        public override string Code => "too-fast";
    }

    /// <summary>A checked value: as stored in the form data, and as a person reads it in the activity.</summary>
    private sealed record Value(FormField Field, JsonNode Stored, string Shown);

    internal sealed class Handler(
        CrmDbContext db, PublicForms forms, SubmissionLimits limits, StartedTokens tokens, LeadIntake intake, CrmAccess access, Outbox outbox, TimeProvider clock)
    {
        public async Task<Thanks> HandleAsync(string key, HttpContext http, CancellationToken cancellationToken)
        {
            var form = await forms.EnterAsync(key, cancellationToken);
            FormOrigins.CheckPost(form, http);
            limits.Acquire(form.Key, http.Connection.RemoteIpAddress);
            var submission = await ReadAsync(http.Request, cancellationToken);
            var thanks = new Thanks(form.ThankYouMessage);
            if (!string.IsNullOrEmpty(submission.Website))
            {
                return thanks;
            }

            var now = clock.GetUtcNow();
            var started = tokens.Read(form.Key, submission.StartedToken);
            CheckTime(form, started?.At, now);
            if (await db.SpentStartedTokens.AnyAsync(t => t.Signature == started!.Signature, cancellationToken))
            {
                throw TokenSpent(form);
            }

            var fields = FormField.Parse(form.Fields);
            var country = (await access.ProfileAsync(cancellationToken)).Country;
            var values = Check(form, fields, submission, country);

            var input = await LeadInputAsync(form, values, now, cancellationToken);
            // Email and phone fields hold normalized values (lower case, E.164), as leads store them.
            var existing = await intake.FindOpenAsync(input.Email, input.Phone, cancellationToken);
            // The token is spent in the submission's own transaction (added last, so nothing saved on the way, such as the
            // tenant's first default pipelines, carries it); two submissions racing with one token meet at its unique index.
            var spent = new SpentStartedToken { TenantId = form.TenantId, FormId = form.Id, Signature = started!.Signature, ExpiresAt = started.ExpiresAt };
            if (existing is not null)
            {
                db.Activities.Add(ActivityOf(form, existing.Id, values, submission.Consent == true));
                db.SpentStartedTokens.Add(spent);
                await UniqueRules.SaveAsync(db, () => db.SaveChangesAsync(cancellationToken), () => Task.FromResult<PorticoProblemException?>(TokenSpent(form)));
            }
            else
            {
                var (lead, stage) = await BuildAsync(input, form, cancellationToken);
                intake.Add(lead, stage);
                db.Activities.Add(ActivityOf(form, lead.Id, values, submission.Consent == true));
                db.SpentStartedTokens.Add(spent);
                await UniqueRules.SaveAsync(db, () => outbox.SaveChangesAsync(db, cancellationToken), () => Task.FromResult<PorticoProblemException?>(TokenSpent(form)));
            }

            // Atomic and outside the form's version: a busy form neither loses counts nor turns its editors' If-Match stale.
            await db.Forms.Where(f => f.Id == form.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.SubmissionCount, f => f.SubmissionCount + 1).SetProperty(f => f.LastSubmissionAt, now), cancellationToken);
            // Spent tokens are kept only while they could still be replayed.
            await db.SpentStartedTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
            return thanks;
        }

        private static ValidationException TokenSpent(WebForm form) => ValidationException.For("startedToken", form.Locale == "ru"
            ? "Эта форма уже отправлена. Обновите страницу, чтобы отправить её ещё раз."
            : "This form was already sent. Reload the page to send it again.");

        private static void CheckTime(WebForm form, DateTimeOffset? startedAt, DateTimeOffset now)
        {
            if (startedAt is not { } started)
            {
                throw ValidationException.For("startedToken", form.Locale == "ru"
                    ? "Форма устарела или загрузилась не полностью. Обновите страницу и отправьте её ещё раз."
                    : "The form expired or did not load completely. Reload the page and send it again.");
            }

            if ((now - started).TotalSeconds < form.MinFillSeconds)
            {
                throw new TooFastException(form.Locale == "ru"
                    ? "Форма отправлена слишком быстро. Проверьте поля и отправьте её ещё раз через несколько секунд."
                    : "The form was sent too fast. Check the fields and send it again in a few seconds.");
            }
        }

        private static List<Value> Check(WebForm form, IReadOnlyList<FormField> fields, Submission submission, string? country)
        {
            var rules = new Rules();
            var russian = form.Locale == "ru";
            var given = submission.Fields ?? [];
            var values = new List<Value>();
            foreach (var field in fields)
            {
                var at = "fields." + field.Name;
                var raw = given.TryGetValue(field.Name, out var element) ? element : default;
                var value = Normalize(field, raw, country, out var problem);
                if (problem is not null)
                {
                    rules.Check(false, at, russian ? problem.Ru : problem.En);
                }
                else if (value is null)
                {
                    rules.Check(!field.Required, at, russian ? "Обязательное поле." : "is required.");
                }
                else
                {
                    values.Add(value);
                }
            }

            rules.Check(form.ConsentText is null || submission.Consent == true, "consent",
                russian ? "Нужно согласие на обработку данных." : "is required: tick the consent box.");
            rules.ThrowIfInvalid();
            return values;
        }

        private sealed record Problem(string En, string Ru);

        /// <summary>The value in its stored form; null when absent or empty (a required checkbox must be ticked).</summary>
        private static Value? Normalize(FormField field, JsonElement raw, string? country, out Problem? problem)
        {
            problem = null;
            if (raw.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
            {
                problem = new Problem("must be a single value.", "Должно быть одно значение.");
                return null;
            }

            var text = raw.ValueKind switch
            {
                JsonValueKind.String => raw.GetString()!.Trim(),
                JsonValueKind.Number => raw.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => "",
            };
            if (field.Type == FormFieldTypes.Checkbox)
            {
                var ticked = text.ToUpperInvariant() is "TRUE" or "ON" or "1" or "YES";
                if (!ticked && text.Length > 0 && text.ToUpperInvariant() is not ("FALSE" or "OFF" or "0" or "NO"))
                {
                    problem = new Problem("must be true or false.", "Должно быть да или нет.");
                }

                return ticked || !field.Required ? new Value(field, JsonValue.Create(ticked), ticked ? "✓" : "✗") : null;
            }

            if (text.Length == 0)
            {
                return null;
            }

            switch (field.Type)
            {
                case FormFieldTypes.Email:
                    return Emails.Normalize(text) is { } email ? new Value(field, JsonValue.Create(email), email)
                        : Fail(out problem, "must be an email address.", "Введите адрес электронной почты.");
                case FormFieldTypes.Phone:
                    return Phones.Normalize(text, country) is { } phone ? new Value(field, JsonValue.Create(phone), phone)
                        : Fail(out problem, $"must be a phone number{(country is null ? " with its country code, such as +49 30 1234567" : "")}.",
                            $"Введите номер телефона{(country is null ? " с кодом страны, например +7 999 123-45-67" : "")}.");
                case FormFieldTypes.Number:
                    return decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                        ? new Value(field, JsonValue.Create(number), number.ToString(CultureInfo.InvariantCulture))
                        : Fail(out problem, "must be a number.", "Введите число.");
                case FormFieldTypes.Select:
                    return (field.Options ?? []).Contains(text) ? new Value(field, JsonValue.Create(text), text)
                        : Fail(out problem, $"must be one of: {string.Join(", ", field.Options ?? [])}.", $"Выберите один из вариантов: {string.Join(", ", field.Options ?? [])}.");
                default:
                    var max = field.Type == FormFieldTypes.Textarea ? FormFieldTypes.MaxTextareaLength : FormFieldTypes.MaxTextLength;
                    return text.Length <= max ? new Value(field, JsonValue.Create(text), text)
                        : Fail(out problem, $"must be at most {max} characters.", $"Не длиннее {max} символов.");
            }
        }

        private static Value? Fail(out Problem problem, string en, string ru)
        {
            problem = new Problem(en, ru);
            return null;
        }

        /// <summary>The lead the values describe: mapped fields fill the lead, everything (and the consent) is kept as its form data.</summary>
        private async Task<LeadInput> LeadInputAsync(WebForm form, List<Value> values, DateTimeOffset now, CancellationToken cancellationToken)
        {
            string? Mapped(string target) => values.FirstOrDefault(v => v.Field.MapsTo == target)?.Stored.ToString();
            var data = new JsonObject();
            foreach (var value in values)
            {
                data[value.Field.Name] = value.Stored.DeepClone();
            }

            if (form.ConsentText is not null)
            {
                data["consent"] = true;
                data["consentAt"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                data["consentText"] = form.ConsentText;
            }

            var custom = new JsonObject();
            foreach (var value in values.Where(v => v.Field.MapsTo?.StartsWith("cf.", StringComparison.Ordinal) == true))
            {
                custom[value.Field.MapsTo![3..]] = value.Stored.DeepClone();
            }

            var (pipelineId, stageId, assigneeId) = await DestinationAsync(form, cancellationToken);
            return new LeadInput(
                Title: Mapped("title"), ContactId: null, ContactName: Mapped("contactName"), Email: Mapped("email"), Phone: Mapped("phone"),
                CompanyName: Mapped("companyName"), Source: "web_form", PipelineId: pipelineId, StageId: stageId, Priority: null,
                Value: Mapped("value") is { } amount ? new MoneyAmount(amount, "") : null, AssigneeId: assigneeId,
                FormData: JsonSerializer.SerializeToElement(data), CustomFields: custom.Count == 0 ? null : JsonSerializer.SerializeToElement(custom));
        }

        /// <summary>Where the form sends leads; a stage, pipeline or member removed since the form was set up falls back to the defaults rather than failing the visitor.</summary>
        private async Task<(Guid? PipelineId, Guid? StageId, Guid? AssigneeId)> DestinationAsync(WebForm form, CancellationToken cancellationToken)
        {
            var stageId = form.StageId is { } sid && await db.Stages.AnyAsync(s => s.Id == sid, cancellationToken) ? form.StageId : null;
            var pipelineId = form.PipelineId is { } pid && await db.Pipelines.AnyAsync(p => p.Id == pid && p.RecordType == RecordTypes.Lead, cancellationToken) ? form.PipelineId : null;
            var assigneeId = form.AssigneeId is { } uid && await access.IsMemberAsync(uid, cancellationToken) ? form.AssigneeId : null;
            return (pipelineId, pipelineId is null && form.PipelineId is not null ? null : stageId, assigneeId);
        }

        /// <summary>Builds the lead; a rule the lead breaks is reported on the form field that fills (or would have filled) it.</summary>
        private async Task<(Lead Lead, Stage Stage)> BuildAsync(LeadInput input, WebForm form, CancellationToken cancellationToken)
        {
            try
            {
                return await intake.BuildAsync(input, "web_form", cancellationToken, form.Id);
            }
            catch (ValidationException invalid)
            {
                var fields = FormField.Parse(form.Fields);
                throw new ValidationException(invalid.Errors
                    .GroupBy(e => FieldOf(e.Key, fields), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray(), StringComparer.Ordinal));
            }
        }

        private static string FieldOf(string leadField, IReadOnlyList<FormField> fields)
        {
            var target = leadField.StartsWith("customFields.", StringComparison.Ordinal) ? "cf." + leadField["customFields.".Length..]
                : leadField.StartsWith("value", StringComparison.Ordinal) ? "value"
                : leadField;
            return fields.FirstOrDefault(f => f.MapsTo == target) is { } field ? "fields." + field.Name : leadField;
        }

        private static Activity ActivityOf(WebForm form, Guid leadId, List<Value> values, bool consent)
        {
            var russian = form.Locale == "ru";
            var body = new StringBuilder();
            foreach (var value in values)
            {
                body.Append(value.Field.Label).Append(": ").Append(value.Shown).Append('\n');
            }

            if (form.ConsentText is not null && consent)
            {
                body.Append(russian ? "Согласие: " : "Consent: ").Append(form.ConsentText).Append('\n');
            }

            return new Activity
            {
                TenantId = form.TenantId,
                RecordType = RecordTypes.Lead,
                RecordId = leadId,
                Kind = "form_submission",
                Subject = (russian ? "Заявка с формы «" : "Web form “") + (form.Title ?? form.Name) + (russian ? "»" : "”"),
                Body = body.ToString().TrimEnd('\n'),
                Done = true,
                Author = PublicForms.Actor,
            };
        }

        /// <summary>JSON from the embed script or any client; form fields from a plain HTML form post (<c>name</c> or <c>fields[name]</c>).</summary>
        private static async Task<Submission> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            if (request.HasJsonContentType())
            {
                return await request.ReadFromJsonAsync<Submission>(cancellationToken)
                    ?? throw new BadRequestException("The body must be a JSON object: {\"fields\": {...}, \"consent\": true, \"startedToken\": \"...\"}.");
            }

            if (!request.HasFormContentType)
            {
                throw new BadHttpRequestException("Send the submission as application/json or application/x-www-form-urlencoded.", StatusCodes.Status415UnsupportedMediaType);
            }

            var posted = await request.ReadFormAsync(cancellationToken);
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (name, value) in posted)
            {
                var field = name.StartsWith("fields[", StringComparison.Ordinal) && name.EndsWith(']') ? name[7..^1] : name;
                if (!FormFieldTypes.Reserved.Contains(field, StringComparer.Ordinal))
                {
                    fields[field] = JsonSerializer.SerializeToElement(value.ToString());
                }
            }

            var consent = posted["consent"].ToString().ToUpperInvariant();
            return new Submission(fields, consent is "TRUE" or "ON" or "1" or "YES", posted["startedToken"].ToString(), posted[HoneypotField].ToString());
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/public/forms/{formKey}/submissions", async Task<Accepted<Thanks>> (string formKey, Handler handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Accepted((string?)null, await handler.HandleAsync(formKey, http, ct)))
        .AddEndpointFilter(async (context, next) => HttpMethods.IsOptions(context.HttpContext.Request.Method)
            ? await PreflightAsync(context.HttpContext, (string)context.Arguments[0]!)
            : await next(context))
        .Accepts<Submission>("application/json", "application/x-www-form-urlencoded")
        .AllowAnonymous()
        .WithFormCors()
        .WithTags("Public")
        .WithName("SubmitWebForm")
        .WithSummary("Send a web form: becomes a lead (or joins the open lead with the same email or phone); answers 202 with the thank-you message");

    /// <summary>
    /// The browser's CORS preflight (<c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method: POST</c>).
    /// Routing hands a preflight to the endpoint of the method it asks about once that endpoint has CORS metadata,
    /// so it arrives here, and is answered from the form's own allowed origins: 204 with the allow headers, or a 403 without them.
    /// </summary>
    private static async Task<NoContent> PreflightAsync(HttpContext http, string formKey)
    {
        var form = await http.RequestServices.GetRequiredService<PublicForms>().EnterAsync(formKey, http.RequestAborted);
        if (FormOrigins.OriginOf(http.Request) is not { } origin || !FormOrigins.Allows(form, origin, http.Request))
        {
            throw new ForbiddenException("This origin may not send this form. Add the site to the form's allowed origins.", "origin-not-allowed");
        }

        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowMethods = HttpMethods.Post;
        headers.AccessControlAllowHeaders = HeaderNames.ContentType;
        headers.AccessControlMaxAge = FormOrigins.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture);
        headers.Vary = HeaderNames.Origin;
        return TypedResults.NoContent();
    }
}
