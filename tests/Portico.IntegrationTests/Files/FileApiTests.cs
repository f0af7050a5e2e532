using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Files;

public abstract class FileApiTests<TFactory>(FilesFixture<TFactory> files) : IClassFixture<FilesFixture<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private readonly TFactory _app = files.App;

    private static string SignedPath(Guid fileId, long expires, byte[]? key = null)
    {
        var sig = Base64Url.EncodeToString(HMACSHA256.HashData(key ?? FilesFixture<TFactory>.SigningKey, Encoding.ASCII.GetBytes($"{fileId:D}\n{expires}")));
        return string.Create(CultureInfo.InvariantCulture, $"/api/v1/public/files/{fileId:D}?expires={expires}&sig={sig}");
    }

    [Fact]
    public async Task An_uploaded_file_downloads_byte_for_byte_with_its_sniffed_type_hash_and_tenant_scoped_key()
    {
        var (owner, slug, tenantId) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);
        var content = TestFiles.Pdf(150_000);

        var response = await client.PostAsync($"/api/v1/tenants/{slug}/files", TestFiles.Form(content, "invoice.pdf", "application/x-whatever", purpose: "attachment"));
        var file = await response.ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(file.Str("id"));
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{slug}/files/{id}");
        id.Version.ShouldBe(7);
        file.Str("fileName").ShouldBe("invoice.pdf");
        file.Str("contentType").ShouldBe("application/pdf");
        file.GetProperty("size").GetInt64().ShouldBe(content.Length);
        file.Str("sha256").ShouldBe(TestFiles.Sha256(content));
        file.Str("purpose").ShouldBe("attachment");

        var metadata = await client.GetAsync($"/api/v1/tenants/{slug}/files/{id}").ShouldBeOk();
        metadata.Str("sha256").ShouldBe(TestFiles.Sha256(content));

        var download = await client.GetAsync($"/api/v1/tenants/{slug}/files/{id}/content");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(content);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        var now = DateTimeOffset.UtcNow;
        var stored = Path.Combine(files.StorageRoot, tenantId.ToString(), now.ToString("yyyy", CultureInfo.InvariantCulture), now.ToString("MM", CultureInfo.InvariantCulture), id.ToString());
        File.ReadAllBytes(stored).ShouldBe(content);
        Directory.EnumerateFiles(Path.Combine(files.StorageRoot, ".staging")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_content_type_is_sniffed_from_the_bytes_not_taken_from_the_client()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);

        (await client.UploadAsync(slug, TestFiles.Png, "notes.txt", "text/plain")).Str("contentType").ShouldBe("image/png");
        (await client.UploadAsync(slug, TestFiles.Docx(), "contract.bin")).Str("contentType")
            .ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        (await client.UploadAsync(slug, TestFiles.Text("name,price\nСтрижка,1500\n"), "prices.csv", "application/vnd.ms-excel")).Str("contentType").ShouldBe("text/csv");
        var text = await client.UploadAsync(slug, TestFiles.Text("Привет, мир!\n"), "hello.txt", "image/png");
        text.Str("contentType").ShouldBe("text/plain");

        var download = await client.GetAsync($"/api/v1/tenants/{slug}/files/{text.Str("id")}/content");
        download.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; charset=utf-8");
        (await download.Content.ReadAsStringAsync()).ShouldBe("Привет, мир!\n");
    }

    [Theory]
    [InlineData("elf", "report.pdf", "application/pdf", "application/x-executable")]
    [InlineData("exe", "photo.png", "image/png", "application/vnd.microsoft.portable-executable")]
    [InlineData("html", "readme.txt", "text/plain", "text/html")]
    public async Task Executables_and_markup_are_refused_with_415_whatever_they_claim(string kind, string name, string claimed, string sniffed)
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);
        var content = kind switch
        {
            "elf" => TestFiles.Elf,
            "exe" => TestFiles.Exe,
            _ => TestFiles.Text("<!DOCTYPE html><script>alert(1)</script>"),
        };

        var problem = await (await client.PostAsync($"/api/v1/tenants/{slug}/files", TestFiles.Form(content, name, claimed)))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        problem.Str("detail").ShouldContain(sniffed);

        (await client.GetAsync($"/api/v1/tenants/{slug}/files").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_413_and_nothing_is_kept()
    {
        var (owner, slug, tenantId) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);
        var limit = (int)FilesFixture<TFactory>.MaxBytes;

        var problem = await (await client.PostAsync($"/api/v1/tenants/{slug}/files", TestFiles.Form(TestFiles.Text(new string('a', limit + 1)), "big.txt")))
            .ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        problem.Str("detail").ShouldContain(limit.ToString(CultureInfo.InvariantCulture));
        (await client.GetAsync($"/api/v1/tenants/{slug}/files").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
        Directory.Exists(Path.Combine(files.StorageRoot, tenantId.ToString())).ShouldBeFalse();

        (await client.UploadAsync(slug, TestFiles.Text(new string('a', limit)), "exact.txt")).GetProperty("size").GetInt64().ShouldBe(limit);
    }

    [Fact]
    public async Task A_signed_url_downloads_anonymously_and_stops_working_when_it_expires()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var content = TestFiles.Pdf(20_000);
        var id = Guid.Parse((await owner.Client(_app).UploadAsync(slug, content, "menu.pdf")).Str("id"));

        var signed = await (await owner.Client(_app).PostAsync($"/api/v1/tenants/{slug}/files/{id}/signed-url", null)).ShouldBe(HttpStatusCode.OK);
        var expiresAt = DateTimeOffset.Parse(signed.Str("expiresAt"), CultureInfo.InvariantCulture);
        (expiresAt - DateTimeOffset.UtcNow).TotalSeconds.ShouldBeInRange(290, 302);

        var anonymous = _app.CreateClient();
        var download = await anonymous.GetAsync(new Uri(signed.Str("url")).PathAndQuery);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(content);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("menu.pdf");

        // Signed exactly as the server signs, but for a moment that has passed.
        var expired = await anonymous.GetAsync(SignedPath(id, DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds())).ShouldBeProblem(HttpStatusCode.Forbidden);
        expired.Str("type").ShouldEndWith("/link-expired");
        (await anonymous.GetAsync(SignedPath(id, DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeSeconds()))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var hour = await (await owner.Client(_app).PostJson($"/api/v1/tenants/{slug}/files/{id}/signed-url", new { lifetimeSeconds = 3600 })).ShouldBe(HttpStatusCode.OK);
        (DateTimeOffset.Parse(hour.Str("expiresAt"), CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow).TotalMinutes.ShouldBeInRange(59, 61);
        var tooLong = await (await owner.Client(_app).PostJson($"/api/v1/tenants/{slug}/files/{id}/signed-url", new { lifetimeSeconds = 3601 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        tooLong.GetProperty("errors").TryGetProperty("lifetimeSeconds", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_forged_or_altered_signed_url_is_refused_with_403()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);
        var id = Guid.Parse((await client.UploadAsync(slug, TestFiles.Png, "logo.png")).Str("id"));
        var other = Guid.Parse((await client.UploadAsync(slug, TestFiles.Png, "other.png")).Str("id"));
        var url = new Uri((await (await client.PostAsync($"/api/v1/tenants/{slug}/files/{id}/signed-url", null)).ShouldBe(HttpStatusCode.OK)).Str("url"));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var (expires, sig) = (long.Parse(query["expires"]!, CultureInfo.InvariantCulture), query["sig"]!);
        var anonymous = _app.CreateClient();

        string[] forgeries =
        [
            $"/api/v1/public/files/{id}?expires={expires + 3600}&sig={sig}",
            $"/api/v1/public/files/{other}?expires={expires}&sig={sig}",
            $"/api/v1/public/files/{id}?expires={expires}&sig={(sig[0] == 'A' ? 'B' : 'A')}{sig[1..]}",
            $"/api/v1/public/files/{id}?expires={expires}",
            $"/api/v1/public/files/{id}?expires=soon&sig={sig}",
            $"/api/v1/public/files/{id}?expires={expires}&sig=not*base64",
            SignedPath(id, expires, key: SHA256.HashData("someone else's key"u8)),
        ];
        foreach (var forged in forgeries)
        {
            var problem = await (await anonymous.GetAsync(forged)).ShouldBeProblem(HttpStatusCode.Forbidden);
            problem.Str("type").ShouldEndWith("/invalid-signature", customMessage: forged);
        }

        (await anonymous.GetAsync(url.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Files_of_another_tenant_answer_404_everywhere()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var id = (await owner.Client(_app).UploadAsync(slug, TestFiles.Png, "secret.png")).Str("id");
        var (stranger, strangerSlug, _) = await _app.OwnerWithTenantAsync();
        var client = stranger.Client(_app);

        foreach (var tenant in new[] { strangerSlug, slug })
        {
            await client.GetAsync($"/api/v1/tenants/{tenant}/files/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
            await client.GetAsync($"/api/v1/tenants/{tenant}/files/{id}/content").ShouldBeProblem(HttpStatusCode.NotFound);
            await client.PostAsync($"/api/v1/tenants/{tenant}/files/{id}/signed-url", null).ShouldBeProblem(HttpStatusCode.NotFound);
            await client.DeleteAsync($"/api/v1/tenants/{tenant}/files/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        }

        (await client.GetAsync($"/api/v1/tenants/{strangerSlug}/files").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
        await owner.Client(_app).GetAsync($"/api/v1/tenants/{slug}/files/{id}").ShouldBeOk();
    }

    [Fact]
    public async Task Cyrillic_file_names_survive_upload_and_download()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);
        const string name = "Отчёт за июнь «итог».pdf";

        var viaHttpClient = await client.UploadAsync(slug, TestFiles.Pdf(1000), name);
        viaHttpClient.Str("fileName").ShouldBe(name);

        // Browsers put the raw UTF-8 name in filename="...", without filename*.
        const string boundary = "----PorticoBoundary7MA4YWxkTrZu0gW";
        var body = new MemoryStream();
        body.Write(Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"));
        body.Write(TestFiles.Pdf(1000));
        body.Write(Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n"));
        var raw = new ByteArrayContent(body.ToArray());
        raw.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        var viaBrowser = await (await client.PostAsync($"/api/v1/tenants/{slug}/files", raw)).ShouldBe(HttpStatusCode.Created);
        viaBrowser.Str("fileName").ShouldBe(name);

        var download = await client.GetAsync($"/api/v1/tenants/{slug}/files/{viaBrowser.Str("id")}/content");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        var disposition = download.Content.Headers.ContentDisposition!;
        disposition.FileNameStar.ShouldBe(name);
        disposition.FileName!.Trim('"').ShouldAllBe(c => c < 128);
        download.Content.Headers.GetValues("Content-Disposition").Single().ShouldContain("filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82");
    }

    [Fact]
    public async Task Names_are_cleaned_of_paths_and_control_characters()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var file = await owner.Client(_app).UploadAsync(slug, TestFiles.Png, "../../etc/evil\u202Egnp.exe");
        file.Str("fileName").ShouldBe("evilgnp.exe");
    }

    [Fact]
    public async Task An_employee_uploads_and_reads_but_only_a_manager_or_above_deletes()
    {
        var (owner, slug, tenantId) = await _app.OwnerWithTenantAsync();
        var employee = await _app.AddMemberAsync(owner, slug, "Employee");
        var manager = await _app.AddMemberAsync(owner, slug, "Manager");

        var file = await employee.Client(_app).UploadAsync(slug, TestFiles.Png, "avatar.png", purpose: "avatar");
        var id = file.Str("id");
        (await employee.Client(_app).GetAsync($"/api/v1/tenants/{slug}/files/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var denied = await employee.Client(_app).DeleteAsync($"/api/v1/tenants/{slug}/files/{id}").ShouldBeProblem(HttpStatusCode.Forbidden);
        denied.Str("type").ShouldEndWith("/permission-denied");

        await manager.Client(_app).DeleteAsync($"/api/v1/tenants/{slug}/files/{id}").ShouldBe(HttpStatusCode.NoContent);
        await manager.Client(_app).GetAsync($"/api/v1/tenants/{slug}/files/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await manager.Client(_app).GetAsync($"/api/v1/tenants/{slug}/files/{id}/content").ShouldBeProblem(HttpStatusCode.NotFound);
        Directory.EnumerateFiles(Path.Combine(files.StorageRoot, tenantId.ToString()), "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_list_pages_newest_first_and_filters_by_purpose()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);
        var ids = new List<string>();
        foreach (var (name, purpose) in new[] { ("a.png", "logo"), ("b.png", "portfolio"), ("c.png", "portfolio"), ("d.png", "portfolio") })
        {
            ids.Add((await client.UploadAsync(slug, TestFiles.Png, name, purpose: purpose)).Str("id"));
        }

        var first = await client.GetAsync($"/api/v1/tenants/{slug}/files?purpose=portfolio&limit=2").ShouldBeOk();
        first.GetProperty("items").EnumerateArray().Select(f => f.Str("id")).ShouldBe([ids[3], ids[2]]);
        var second = await client.GetAsync($"/api/v1/tenants/{slug}/files?purpose=portfolio&limit=2&cursor={first.Str("nextCursor")}").ShouldBeOk();
        second.GetProperty("items").EnumerateArray().Select(f => f.Str("id")).ShouldBe([ids[1]]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var byName = await client.GetAsync($"/api/v1/tenants/{slug}/files?sort=fileName&q=A.PNG").ShouldBeOk();
        byName.GetProperty("items").EnumerateArray().Select(f => f.Str("fileName")).ShouldBe(["a.png"]);
        await client.GetAsync($"/api/v1/tenants/{slug}/files?sort=owner").ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Uploads_that_are_not_multipart_empty_or_without_a_file_are_refused()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);
        var url = $"/api/v1/tenants/{slug}/files";

        await client.PostAsync(url, Http.RawJson("{\"file\":\"x\"}")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        var noFile = new MultipartFormDataContent { { new StringContent("logo"), "purpose" } };
        (await client.PostAsync(url, noFile).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue();
        (await client.PostAsync(url, TestFiles.Form([], "empty.txt")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue();
        (await client.PostAsync(url, TestFiles.Form(TestFiles.Png, "x.png", purpose: "Not A Purpose")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("purpose", out _).ShouldBeTrue();
        var truncated = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\nhello"));
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await client.PostAsync(url, truncated).ShouldBeProblem(HttpStatusCode.BadRequest);

        (await client.GetAsync(url).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await client.PostAsync(url + "?purpose=logo", TestFiles.Form(TestFiles.Png, "x.png"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

public sealed class FileApiOnSqlite(FilesFixture<SqliteFactory> files) : FileApiTests<SqliteFactory>(files);

public sealed class FileApiOnPostgres(FilesFixture<PostgresFactory> files) : FileApiTests<PostgresFactory>(files);
