using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Crm.Activities;
using Portico.Crm.Contacts;
using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Deals;
using Portico.Crm.Leads;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Crm.Demo;

/// <summary>
/// Fills each demo tenant (made by the tenancy seeder) with a CRM that looks lived in, in the tenant's language:
/// about 40 contacts, 30 leads across the lead pipeline, 15 deals (some won, some lost, with reasons), notes, calls and
/// tasks, and the vertical's custom fields with values. Records are built by the module's own writers (custom
/// fields, <see cref="ContactWriter"/>, <see cref="LeadIntake"/>, <see cref="DealWriter"/>), so they are validated,
/// phones normalized to E.164 and leads matched to existing clients, as for a user; they are written as bulk work
/// (<see cref="CrmBulk"/>: no change tracking, a statement per table), a tenant's CRM in one transaction, and each
/// record gets its <c>created</c> row in the audit log as through the API.
/// The data come from a <see cref="Random"/> seeded by the tenant's slug: every fresh database gets the same CRM.
/// A tenant that already has contacts is left alone.
/// </summary>
/// <remarks>
/// No integration events: seeding runs before the message bus starts (the <c>seed-demo</c> verb builds the host
/// without starting it, and start-up seeding runs while the host is starting), so the outbox cannot take them. They
/// would be noise anyway: demo data is a state to look at, not a burst of «new lead» notifications and webhooks.
/// Records are therefore created in their final stage rather than moved there, and saved without the outbox.
/// </remarks>
internal sealed class CrmDemoSeeder(IServiceScopeFactory scopes, ITenantDirectory tenants, ILogger<CrmDemoSeeder> logger) : IDemoSeeder
{
    public const string Actor = "system:seed";

    public int Order => 30;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var script in DemoScripts.All)
        {
            if (await tenants.FindBySlugAsync(script.Slug, cancellationToken) is not { } tenant)
            {
                continue;
            }

            // A scope per step: CrmAccess and CustomFieldValues cache the tenant and its field definitions per scope,
            // and the records must see the fields the first step defines.
            var empty = await scopes.RunAsync(tenant.Id, tenant.Slug, Actor, async services =>
            {
                if (await services.GetRequiredService<CrmDbContext>().Contacts.AnyAsync(cancellationToken))
                {
                    return false;
                }

                await services.GetRequiredService<DefaultPipelines>().EnsureAsync(cancellationToken);
                await DefineFieldsAsync(services, script, cancellationToken);
                return true;
            });
            if (!empty)
            {
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var counts = await scopes.RunAsync(tenant.Id, tenant.Slug, Actor, services =>
                new TenantCrm(services, script, new Random(Seed(script.Slug))).FillAsync(cancellationToken));
            logger.LogInformation("Demo CRM of {Tenant}: {Counts} in {Elapsed:F0} ms", tenant.Slug, counts, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static async Task DefineFieldsAsync(IServiceProvider services, DemoScript script, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<CrmDbContext>();
        var create = services.GetRequiredService<CreateCustomField.Handler>();
        foreach (var field in script.Fields)
        {
            // A run interrupted after the fields and before the first contact left them behind.
            if (!await db.CustomFields.AnyAsync(f => f.RecordType == field.RecordType && f.Key == field.Key, cancellationToken))
            {
                await create.HandleAsync(new CustomFieldInput(field.RecordType, field.Key, field.Label, field.Type, false, null, field.Options, null, null), cancellationToken);
            }
        }
    }

    /// <summary>A seed from the slug that, unlike <see cref="string.GetHashCode()"/>, is the same in every process.</summary>
    private static int Seed(string slug) => slug.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));

    /// <summary>One tenant's CRM, built in one scope.</summary>
    private sealed class TenantCrm(IServiceProvider services, DemoScript script, Random rng)
    {
        private const int Contacts = 40;
        private const int Leads = 30;
        private const int DirectDeals = 12;

        // Where the 15 deals are: 4 in the first stage, 3 in the second, 2 in the third, 4 won, 2 lost.
        private static readonly int[] DealStages = [0, 1, 2, 3, 0, 1, 3, 4, 0, 2, 3, 1, 0, 3, 4];

        private readonly CrmDbContext _db = services.GetRequiredService<CrmDbContext>();
        private readonly CrmAccess _access = services.GetRequiredService<CrmAccess>();
        private readonly List<Contact> _contacts = [];
        private readonly List<DemoPerson> _people = [];
        private readonly List<Lead> _leads = [];
        private readonly List<Deal> _deals = [];
        private List<Guid> _members = [];
        private string _currency = "";
        private DateTimeOffset _now;
        private int _activities;

        public async Task<string> FillAsync(CancellationToken cancellationToken)
        {
            _currency = (await _access.ProfileAsync(cancellationToken)).Currency;
            _now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            _members = (await services.GetRequiredService<IMembershipDirectory>().ListMembersAsync(_access.TenantId, null, cancellationToken))
                .Select(m => m.UserId).ToList();
            MakePeople(Contacts + Leads);

            await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            await AddContactsAsync(cancellationToken);
            var converted = await AddLeadsAsync(cancellationToken);
            await AddDealsAsync(converted, cancellationToken);
            await _db.InsertNewAsync(_leads, cancellationToken); // after the deals: converted leads name their deal
            await AddActivitiesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return string.Create(CultureInfo.InvariantCulture,
                $"{_contacts.Count} contacts, {_leads.Count} leads, {_deals.Count} deals, {_activities} activities, {script.Fields.Length} custom fields");
        }

        /// <summary>Distinct people: no two share a name, a phone or an email (they would be one contact).</summary>
        private void MakePeople(int count)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var attempt = 0; _people.Count < count; attempt++)
            {
                if (attempt > count * 100)
                {
                    throw new InvalidOperationException($"The {script.Slug} demo cannot make {count} distinct people: too few names.");
                }

                var person = script.Person(rng);
                var phone = new string(person.Phone.Where(char.IsAsciiDigit).ToArray())[^7..];
                if (seen.Add("n:" + person.Name) && seen.Add("p:" + phone) && (person.Email is null || seen.Add("e:" + person.Email)))
                {
                    _people.Add(person);
                }
            }
        }

        private async Task AddContactsAsync(CancellationToken cancellationToken)
        {
            var persons = Contacts - script.Companies.Length;
            for (var i = 0; i < persons; i++)
            {
                var person = _people[i];
                // Two people of each company client work there and write from its domain.
                var company = i < script.Companies.Length * 2 ? script.Companies[i / 2] : null;
                var emails = company is null
                    ? person.Email is null ? [] : new[] { person.Email }
                    : [$"{person.Email?.Split('@')[0] ?? person.Handle.Replace("_", ".", StringComparison.Ordinal)}@{company.Domain}"];
                var phones = rng.NextDouble() < 0.1 ? new[] { person.Phone, DemoPeople.OfficePhone(rng, script.Country ?? "") } : [person.Phone];
                await AddContactAsync(new ContactInput(
                    Contact.Person, null, person.FirstName, person.LastName, company?.Name, i % 2 == 0 ? company?.JobTitleOfContact : null,
                    emails, phones, Tags(), Member(0.7), DemoPeople.Pick(rng, script.ContactSources),
                    rng.NextDouble() < 0.6, rng.NextDouble() < 0.92, rng.NextDouble() < 0.3 ? DemoPeople.Pick(rng, script.ContactNotes) : null,
                    Json(script.ContactFields(rng))), cancellationToken);
            }

            foreach (var company in script.Companies)
            {
                await AddContactAsync(new ContactInput(
                    Contact.Company, company.Name, null, null, company.Name, null,
                    [$"info@{company.Domain}"], [DemoPeople.OfficePhone(rng, script.Country ?? "")], Tags(), Member(1), DemoPeople.Pick(rng, script.ContactSources),
                    false, true, null, Json(script.ContactFields(rng))), cancellationToken);
            }

            // Written before the leads are built: the intake matches a lead's phone or email against stored contacts.
            await InsertContactsAsync(_contacts, cancellationToken);
        }

        private async Task<Contact> AddContactAsync(ContactInput input, CancellationToken cancellationToken)
        {
            var contact = new Contact { TenantId = _access.TenantId, Name = "" };
            await services.GetRequiredService<ContactWriter>().ApplyAsync(contact, input, creating: true, cancellationToken);
            _contacts.Add(contact);
            return contact;
        }

        private async Task InsertContactsAsync(IReadOnlyCollection<Contact> contacts, CancellationToken cancellationToken)
        {
            await _db.InsertNewAsync(contacts, cancellationToken);
            await _db.InsertNewAsync(contacts.SelectMany(c => c.Channels).ToList(), cancellationToken);
        }

        /// <summary>
        /// Leads from every source, a quarter of them from existing clients (the intake links them by phone or email),
        /// spread over the pipeline: 4 in 10 new, 2 in each next open stage, 1 lost, 1 converted. Returns the converted ones.
        /// </summary>
        private async Task<List<Lead>> AddLeadsAsync(CancellationToken cancellationToken)
        {
            var intake = services.GetRequiredService<LeadIntake>();
            var stages = await StagesAsync(RecordTypes.Lead, cancellationToken);
            var converted = new List<Lead>();
            var newcomer = Contacts;
            for (var i = 0; i < Leads; i++)
            {
                var known = i % 4 == 1;
                var person = known ? _people[(i * 7) % (Contacts - script.Companies.Length)] : _people[newcomer++];
                var plan = i % 10;
                var stage = plan switch
                {
                    4 or 5 => stages[1],
                    6 or 7 => stages[2],
                    8 => stages.First(s => s.Kind == StageKinds.Won),
                    9 => stages.First(s => s.Kind == StageKinds.Lost),
                    _ => stages[0],
                };
                var source = WeightedSource();
                // Some messenger leads come with a handle only (in the form data), no name; every lead has a phone or an email.
                var anonymous = plan != 8 && !known && source is "telegram" or "instagram" && rng.NextDouble() < 0.3;
                var email = source is "web_form" or "manual" || rng.NextDouble() < 0.3 ? person.Email : null;
                var phone = known || plan == 8 || email is null || source is "whatsapp" || rng.NextDouble() < 0.7 ? person.Phone : null;
                var input = new LeadInput(
                    rng.NextDouble() < 0.85 ? DemoPeople.Pick(rng, script.LeadTitles) : null,
                    null,
                    anonymous ? null : person.Name,
                    email,
                    phone,
                    null,
                    source,
                    null,
                    stage.Id,
                    Priority(),
                    rng.NextDouble() < 0.65 ? Amount(script.LeadValue) : null,
                    Member(0.75),
                    FormData(source, person),
                    Json(script.LeadFields(rng)));
                var (lead, _) = await intake.BuildAsync(input, "manual", cancellationToken);
                _leads.Add(lead);
                if (plan == 8)
                {
                    converted.Add(lead);
                }
            }

            return converted;
        }

        /// <summary>
        /// A deal for each converted lead (with its client as the contact, as converting makes them) and more straight
        /// from clients, spread over the deal pipeline; the closed ones with a reason.
        /// </summary>
        private async Task AddDealsAsync(List<Lead> converted, CancellationToken cancellationToken)
        {
            var writer = services.GetRequiredService<DealWriter>();
            var stages = await StagesAsync(RecordTypes.Deal, cancellationToken);
            var count = 0;
            foreach (var lead in converted)
            {
                var contact = lead.ContactId is { } id ? _contacts.First(c => c.Id == id) : await AddClientAsync(lead, cancellationToken);
                var deal = await writer.AddAsync(DealFor(contact, lead.AssigneeId, stages, count++), lead.Id, cancellationToken);
                (lead.ContactId, lead.DealId, lead.ConvertedAt) = (contact.Id, deal.Id, _now);
                _deals.Add(deal);
            }

            for (var i = 0; i < DirectDeals; i++)
            {
                var contact = _contacts[(i * 3 + 1) % _contacts.Count];
                _deals.Add(await writer.AddAsync(DealFor(contact, Member(0.9), stages, count++), null, cancellationToken));
            }

            // DealWriter also queued deal.created events on the scope's outbox; saving without it leaves them unsent (see the remarks above).
            await _db.SaveChangesAsync(cancellationToken);
        }

        private DealInput DealFor(Contact contact, Guid? assignee, List<Stage> stages, int index)
        {
            var stage = stages[Math.Min(DealStages[index % DealStages.Length], stages.Count - 1)];
            var reason = stage.Kind switch
            {
                StageKinds.Won => DemoPeople.Pick(rng, script.WonReasons),
                StageKinds.Lost => DemoPeople.Pick(rng, script.LostReasons),
                _ => null,
            };
            var closeOn = stage.Kind == StageKinds.Open ? CloseOn() : (DateOnly?)null;
            return new DealInput(DemoPeople.Pick(rng, script.DealTitles), contact.Id, Amount(script.DealAmount), null, stage.Id, closeOn, assignee, reason, Json(script.DealFields(rng)));
        }

        /// <summary>The client a converted lead became, when it was nobody's yet: made from the lead, as converting does.</summary>
        private async Task<Contact> AddClientAsync(Lead lead, CancellationToken cancellationToken)
        {
            var contact = await AddContactAsync(new ContactInput(
                Contact.Person, lead.ContactName, null, null, lead.CompanyName, null, lead.Email is null ? [] : [lead.Email], lead.Phone is null ? [] : [lead.Phone],
                null, lead.AssigneeId, lead.Source, null, null, null, null), cancellationToken);
            await InsertContactsAsync([contact], cancellationToken); // the deal writer checks that its contact exists
            return contact;
        }

        /// <summary>Notes on clients, logged calls on leads, and tasks due from the day before yesterday to next week, the oldest done.</summary>
        private async Task AddActivitiesAsync(CancellationToken cancellationToken)
        {
            var activities = new List<Activity>();
            for (var i = 0; i < 6; i++)
            {
                var contact = _contacts[(i * 5 + 2) % _contacts.Count];
                Add(new ActivityInput(RecordTypes.Contact, contact.Id, "note", null, script.ContactNotes[i % script.ContactNotes.Length], null, null, null));
            }

            for (var i = 0; i < script.Calls.Length; i++)
            {
                var lead = _leads[(i * 6 + 4) % _leads.Count];
                var call = script.Calls[i];
                Add(new ActivityInput(RecordTypes.Lead, lead.Id, "call", call.Subject, call.Body, null, true, lead.AssigneeId ?? Member(1)));
            }

            var today = new DateTimeOffset(_now.UtcDateTime.Date, TimeSpan.Zero);
            int[] dueInDays = [-2, -1, 0, 1, 3, 7];
            for (var i = 0; i < script.Tasks.Length; i++)
            {
                var (recordType, id) = i % 2 == 0 ? (RecordTypes.Lead, _leads[(i * 5 + 1) % _leads.Count].Id) : (RecordTypes.Deal, _deals[i % _deals.Count].Id);
                var due = today.AddDays(dueInDays[i % dueInDays.Length]).AddHours(7 + (i * 2 % 9));
                Add(new ActivityInput(recordType, id, "task", script.Tasks[i], null, due, i == 0, Member(1)));
            }

            await _db.InsertNewAsync(activities, cancellationToken);
            _activities = activities.Count;

            // As CreateActivity makes them; the records are the seeder's own, so the visibility and member checks are moot.
            void Add(ActivityInput input)
            {
                activities.Add(new Activity
                {
                    TenantId = _access.TenantId,
                    RecordType = input.RecordType!,
                    RecordId = input.RecordId!.Value,
                    Kind = input.Kind!,
                    Subject = input.Subject,
                    Body = input.Body,
                    DueAt = input.DueAt,
                    Done = input.Done ?? false,
                    DoneAt = input.Done == true ? _now : null,
                    AssigneeId = input.AssigneeId,
                    Author = Actor,
                });
            }
        }

        private async Task<List<Stage>> StagesAsync(string recordType, CancellationToken cancellationToken)
        {
            var pipeline = await _db.Pipelines.AsNoTracking().Include(p => p.Stages)
                .Where(p => p.RecordType == recordType && p.IsDefault)
                .OrderBy(p => p.Position)
                .FirstAsync(cancellationToken);
            // Open stages in board order, then the won stage, then the lost one.
            return pipeline.Stages.OrderBy(s => s.Kind == StageKinds.Open ? 0 : s.Kind == StageKinds.Won ? 1 : 2).ThenBy(s => s.Position).ToList();
        }

        private string[] Tags()
        {
            var count = rng.Next(0, 4);
            return Enumerable.Range(0, count).Select(_ => DemoPeople.Pick(rng, script.Tags)).Distinct().ToArray();
        }

        /// <summary>A member of the tenant with the given probability, otherwise nobody.</summary>
        private Guid? Member(double probability) =>
            _members.Count > 0 && rng.NextDouble() < probability ? _members[rng.Next(_members.Count)] : null;

        private string WeightedSource()
        {
            var roll = rng.Next(script.LeadSources.Sum(s => s.Weight));
            foreach (var (source, weight) in script.LeadSources)
            {
                if ((roll -= weight) < 0)
                {
                    return source;
                }
            }

            return script.LeadSources[^1].Source;
        }

        private string Priority() => rng.Next(100) switch
        {
            < 60 => "normal",
            < 80 => "high",
            < 92 => "low",
            _ => "urgent",
        };

        private MoneyAmount Amount((int Min, int Max, int Step) range)
        {
            var value = range.Min + (rng.Next((range.Max - range.Min) / range.Step + 1) * range.Step);
            return new MoneyAmount(value.ToString(CultureInfo.InvariantCulture), _currency);
        }

        private DateOnly CloseOn() => DateOnly.FromDateTime(_now.UtcDateTime).AddDays(rng.Next(3, 60));

        /// <summary>What the channel delivered, as a web form, a bot or a messenger integration stores it.</summary>
        private JsonElement? FormData(string source, DemoPerson person)
        {
            var message = DemoPeople.Pick(rng, script.Messages);
            JsonObject? data = source switch
            {
                "web_form" => new JsonObject
                {
                    ["name"] = person.Name, ["phone"] = person.Phone, ["email"] = person.Email, ["message"] = message, ["consent"] = true,
                    ["page"] = DemoPeople.Pick(rng, (string[])["/", "/prices", "/contacts", "/services", "/booking"]),
                },
                "telegram" => new JsonObject { ["username"] = "@" + person.Handle, ["chatId"] = rng.NextInt64(100_000_000, 7_000_000_000), ["message"] = message },
                "instagram" => new JsonObject { ["username"] = person.Handle, ["message"] = message },
                "whatsapp" => new JsonObject { ["profileName"] = person.FirstName, ["message"] = message },
                _ => null,
            };
            return data is null ? null : Json(data);
        }

        // Cyrillic kept as letters, not \u escapes: form data is stored as the JSON text it arrived in.
        private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

        private static JsonElement Json(JsonObject values) => JsonSerializer.SerializeToElement(values, Readable);
    }
}
