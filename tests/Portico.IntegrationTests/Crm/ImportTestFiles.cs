using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

/// <summary>Spreadsheets for import tests, and the requests that upload them and follow an import to its end.</summary>
public static class ImportTestFiles
{
    /// <summary>CSV text as Excel saves it with «CSV UTF-8»: a byte order mark, then the lines.</summary>
    public static byte[] Csv(params string[] lines) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];

    /// <summary>A workbook with one sheet: the header row, then the rows.</summary>
    public static byte[] Xlsx(string[] header, params object?[][] rows)
    {
        var keys = header.Select((_, i) => ((char)('A' + i)).ToString()).ToArray();
        var sheet = new[] { header.Cast<object?>().ToArray() }.Concat(rows)
            .Select(values => keys.Select((k, i) => (k, v: i < values.Length ? values[i] : null)).ToDictionary(x => x.k, x => x.v))
            .ToList();
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(buffer, sheet, printHeader: false);
        return buffer.ToArray();
    }

    public static MultipartFormDataContent Form(byte[] content, string fileName, string recordType)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(recordType), "recordType");
        return form;
    }

    public static async Task<JsonElement> UploadAsync(this CrmTestTenant tenant, byte[] content, string fileName, string recordType = "contact", HttpClient? client = null)
    {
        var response = await (client ?? tenant.Client).PostAsync(tenant.Crm("imports"), Form(content, fileName, recordType));
        var job = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{tenant.Slug}/crm/imports/{job.Str("id")}");
        return job;
    }

    /// <summary>Starts the import and polls it until it is completed or failed.</summary>
    public static async Task<JsonElement> RunToEndAsync(this CrmTestTenant tenant, JsonElement job, TimeSpan? timeout = null, HttpClient? client = null)
    {
        var id = job.Str("id");
        var started = await (client ?? tenant.Client).PostAsync(tenant.Crm($"imports/{id}/run"), null);
        (await started.ShouldBe(HttpStatusCode.Accepted)).Str("status").ShouldBeOneOf("queued", "running");
        return await tenant.WaitForImportAsync(id, timeout, client);
    }

    public static async Task<JsonElement> WaitForImportAsync(this CrmTestTenant tenant, string id, TimeSpan? timeout = null, HttpClient? client = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var current = await (client ?? tenant.Client).GetAsync(tenant.Crm($"imports/{id}")).ShouldBeOk();
            if (current.Str("status") is "completed" or "failed")
            {
                return current;
            }

            clock.Elapsed.ShouldBeLessThan(timeout ?? Patience.Cap, $"the import is still {current.Str("status")}: {current}");
            await Task.Delay(clock.Elapsed < TimeSpan.FromSeconds(2) ? 50 : 500);
        }
    }

    public static int Number(this JsonElement element, string property) => element.GetProperty(property).GetInt32();

    public static IReadOnlyDictionary<string, string?> Mapping(this JsonElement job) =>
        job.GetProperty("mapping").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString());
}
