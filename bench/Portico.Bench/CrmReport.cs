using System.Globalization;
using System.Text;

namespace Portico.Bench;

/// <summary>The markdown section of the crm scenario, in the style of <see cref="Report"/>.</summary>
internal static class CrmReport
{
    public static string Render(BenchOptions options, string database, DateTimeOffset startedAt, CrmResults r, IReadOnlyList<string> warnings, string? loadBefore)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Report.Header(
            md,
            options,
            "CRM lead lists and CSV import",
            database,
            startedAt,
            loadBefore,
            "Release publish, `ASPNETCORE_ENVIRONMENT=Production`, text logs, `Portico__RateLimits__Enabled=false`, access tokens valid 2 h; "
                + string.Create(CultureInfo.InvariantCulture, $"{r.Tenants} tenants (vertical generic, EUR, DE), each created by its own registered Owner"),
            string.Create(CultureInfo.InvariantCulture, $"{options.Connections} closed loops spread over the {r.Tenants} tenants, each request with its tenant's Owner token; {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s per request kind, HTTP/1.1 keep-alive over loopback"));

        Line($"### Data: {r.Tenants} tenants × {r.LeadsPerTenant:N0} leads with custom fields");
        Line($"");
        Line($"| Measure | Value |");
        Line($"|---|--:|");
        Line($"| Leads in `crm.leads` | {r.LeadsInTable:N0} |");
        Line($"| Table size with its indexes (after ANALYZE) | {r.TableSize} |");
        Line($"| Owners registered, tenants, custom fields and default pipelines created through the API | {r.Register.TotalSeconds:0.0} s |");
        Line($"| Bulk insert: one `INSERT … SELECT … FROM generate_series` per tenant as the owner role | {r.Seed.TotalSeconds:0.0} s ({r.LeadsInTable / r.Seed.TotalSeconds:N0} rows/s) |");
        Line($"| `ANALYZE crm.leads` | {r.Analyze.TotalSeconds:0.0} s |");
        Line($"");
        Line($"Each lead: a title (English or Russian, or «Lead: name»), a contact name (a third Cyrillic), an email on 9 in 10, an E.164 phone on 4 in 5, a company on 1 in 5, a source (web_form 3 in 10), a pipeline stage (4 in 10 in the first), a priority, a value on 3 in 5, the Owner as assignee on half, `custom_fields` `{{\"budget\": 0…20000, \"channel\": …}}` on 9 in 10, `created_at` spread over the past year, and `search_text` built as the application builds it (the generated `search_vector` and its GIN index follow). See `bench/Portico.Bench/CrmSeed.cs`.");
        Line($"");

        Line($"### Lead list: `GET /api/v1/tenants/{{t}}/crm/leads?q=<name prefix>&cf.budget[gte]=5000&source=web_form&sort=-createdAt&limit=50`");
        Line($"");
        Line($"| Request | Loops | Successes | Req/s | p50 ms | p90 ms | p99 ms | Max ms | Errors | Server CPU ms/req | Bench CPU ms/req |");
        Line($"|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in r.Lists)
        {
            var l = run.Load;
            Line($"| {run.Name} (`{run.Example}`) | {run.Loops} | {l.Successes:N0} | {l.RequestsPerSecond:N1} | {l.LatencyMs.Median:0.0} | {l.LatencyMs.P90:0.0} | {l.LatencyMs.P99:0.0} | {l.LatencyMs.Max:0.0} | {l.Failures} | {run.ServerCpuMsPerRequest:0.00} | {run.BenchCpuMsPerRequest:0.00} |");
        }

        Line($"");
        Line($"A success is a 200 with exactly 50 leads. The search prefix rotates over {string.Join(", ", CrmSeed.SearchPrefixes.Select(p => $"`{p}`"))} (full-text prefix match over names, emails, phones and titles: `search_vector @@ to_tsquery('simple', 'ann:*')`), and each loop moves to the next tenant after every request. Page 2 uses the `nextCursor` of page 1 (keyset pagination on `createdAt`, `id`), taken once per tenant and prefix before the runs. **CPU ms/req**: CPU time of the server process and of the benchmark process during the run divided by the requests; PostgreSQL's own processes, which do most of the work here, are not included.");
        Line($"");
        Line($"Before the runs, every tenant answered every query once:");
        Line($"");
        foreach (var match in r.Matches)
        {
            Line($"- {match}");
        }

        Line($"");
        Line($"### Import: a CSV of {options.ImportRows:N0} leads (`name,phone,email,title,budget`)");
        Line($"");
        if (r.Import is { } i)
        {
            Line($"| Rows | CSV | Upload s | Run s (`POST …/run` → `completed` seen) | Rows/s | Run s (job's startedAt → finishedAt) | Created | Updated | Skipped | Failed | Status |");
            Line($"|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            Line($"| {i.Rows:N0} | {i.FileBytes / 1024.0 / 1024.0:0.0} MiB | {i.Upload.TotalSeconds:0.0} | {i.Run.TotalSeconds:0.0} | **{i.RowsPerSecond:N0}** | {(i.ServerRun is { } s ? s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "?")} | {i.Created:N0} | {i.Updated:N0} | {i.Skipped:N0} | {i.Failed:N0} | {i.Status} |");
            Line($"");
            Line($"Into tenant `{i.Tenant}` (which already holds {r.LeadsPerTenant:N0} leads), by its Owner: `POST …/crm/imports` (multipart: the file and `recordType=lead`), the mapping {string.Join(", ", i.Mapping.Select(kv => $"`{kv.Key}` → `{kv.Value ?? "(none)"}`"))}, then `POST …/imports/{{id}}/run` and `GET …/imports/{{id}}` every 250 ms until the status is `completed` or `failed`. Rows/s is the rows processed divided by the run time the benchmark saw. Names, titles and phones are like the bulk insert's; every email and phone is distinct, a budget on 9 rows in 10.");
        }
        else
        {
            Line($"Not measured: {r.ImportSkipped}");
        }

        Line($"");
        Line($"Untimed set-up: `create-admin` (migrations and one password hash) took {r.CreateAdmin.TotalSeconds:0.0} s; the server was ready {r.Ready.TotalMilliseconds:0} ms after start.");
        if (warnings.Count > 0)
        {
            Line($"");
            Line($"**Warnings:**");
            foreach (var warning in warnings)
            {
                Line($"- {warning.Split('\n')[0]}");
            }
        }

        Line($"");
        return md.ToString();
    }
}
