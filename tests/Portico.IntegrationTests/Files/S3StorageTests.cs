using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Files;

/// <summary>The application storing its files in a local S3-compatible server that checks SigV4 like S3.</summary>
public sealed class S3FilesFixture : FilesFixture<SqliteFactory>
{
    public FakeS3 S3 { get; } = new();

    protected override async Task ConfigureAsync()
    {
        await S3.StartAsync();
        App.Set("Portico:Files:Provider", "S3");
        App.Set("Portico:Files:S3:ServiceUrl", S3.Url);
        App.Set("Portico:Files:S3:Bucket", FakeS3.Bucket);
        App.Set("Portico:Files:S3:AccessKey", FakeS3.AccessKey);
        App.Set("Portico:Files:S3:SecretKey", FakeS3.SecretKey);
        App.Set("Portico:Files:S3:Region", FakeS3.Region);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await S3.DisposeAsync();
    }
}

public sealed class S3StorageTests(S3FilesFixture files) : IClassFixture<S3FilesFixture>
{
    private readonly SqliteFactory _app = files.App;

    [Fact]
    public async Task Files_go_to_the_bucket_under_tenant_scoped_keys_in_signed_requests()
    {
        var (owner, slug, tenantId) = await _app.OwnerWithTenantAsync();
        var client = owner.Client(_app);
        var content = TestFiles.Pdf(120_000);

        var file = await client.UploadAsync(slug, content, "Договор.pdf", "text/plain");
        var id = Guid.Parse(file.Str("id"));
        var now = DateTimeOffset.UtcNow;
        var key = string.Create(CultureInfo.InvariantCulture, $"{tenantId}/{now:yyyy}/{now:MM}/{id}");
        files.S3.Objects.ShouldContainKey(key);
        files.S3.Objects[key].Content.ShouldBe(content);
        files.S3.Objects[key].ContentType.ShouldBe("application/pdf");
        file.Str("sha256").ShouldBe(TestFiles.Sha256(content));

        var download = await client.GetAsync($"/api/v1/tenants/{slug}/files/{id}/content");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(content);
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Договор.pdf");

        var signed = await (await client.PostAsync($"/api/v1/tenants/{slug}/files/{id}/signed-url", null)).ShouldBe(HttpStatusCode.OK);
        (await _app.CreateClient().GetByteArrayAsync(new Uri(signed.Str("url")).PathAndQuery)).ShouldBe(content);

        await client.DeleteAsync($"/api/v1/tenants/{slug}/files/{id}").ShouldBe(HttpStatusCode.NoContent);
        files.S3.Objects.ShouldNotContainKey(key);
        files.S3.Requests.Where(r => r.EndsWith(key, StringComparison.Ordinal)).ShouldBe([$"PUT {key}", $"GET {key}", $"GET {key}", $"DELETE {key}"]);
        files.S3.Refused.Where(r => r.Contains(tenantId.ToString(), StringComparison.Ordinal)).ShouldBeEmpty();
        Directory.Exists(Path.Combine(files.StorageRoot, tenantId.ToString())).ShouldBeFalse();
    }

    [Fact]
    public async Task A_store_that_refuses_the_credentials_is_a_503_and_no_record_is_kept()
    {
        var (owner, slug, _) = await _app.OwnerWithTenantAsync();
        await using var wrongSecret = _app.WithWebHostBuilder(b => b.UseSetting("Portico:Files:S3:SecretKey", "not-the-secret"));
        var client = wrongSecret.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", owner.AccessToken);

        var problem = await (await client.PostAsync($"/api/v1/tenants/{slug}/files", TestFiles.Form(TestFiles.Png, "logo.png"))).ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        problem.Str("type").ShouldEndWith("/upstream-unavailable");
        files.S3.Refused.ShouldContain(r => r.Contains("signature does not match", StringComparison.OrdinalIgnoreCase));
        (await owner.Client(_app).GetAsync($"/api/v1/tenants/{slug}/files").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }
}
