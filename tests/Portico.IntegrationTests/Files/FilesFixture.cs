using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Files;

/// <summary>
/// The application with its files in a temporary folder, a small size limit and a known signing key
/// (so a test can sign a link as the server would, with any expiry). Settings are made before the
/// server starts, which a class fixture of the plain factory cannot do.
/// </summary>
public class FilesFixture<TFactory> : IAsyncLifetime
    where TFactory : PorticoFactory, new()
{
    public const long MaxBytes = 200_000;

    public static readonly byte[] SigningKey = SHA256.HashData("portico files test signing key"u8);

    public TFactory App { get; } = new();

    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), $"portico-files-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        App.Set("Portico:Files:LocalPath", StorageRoot);
        App.Set("Portico:Files:MaxBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App.Set("Portico:Files:SigningKey", Convert.ToBase64String(SigningKey));
        await ConfigureAsync();
        await App.InitializeAsync();
    }

    /// <summary>More settings before the server starts.</summary>
    protected virtual Task ConfigureAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }
}

/// <summary>Test files and the requests that carry them.</summary>
public static class TestFiles
{
    /// <summary>A 1×1 transparent PNG.</summary>
    public static readonly byte[] Png = Convert.FromHexString(
        "89504E470D0A1A0A0000000D4948445200000001000000010806000000" +
        "1F15C4890000000D49444154789C6360000002000154A24F5D0000000049454E44AE426082");

    /// <summary>The start of a 64-bit Linux executable.</summary>
    public static readonly byte[] Elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[56]];

    /// <summary>The start of a Windows executable.</summary>
    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, .. new byte[56]];

    /// <summary>A PDF header followed by <paramref name="size"/> bytes in all (random binary after the header).</summary>
    public static byte[] Pdf(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        "%PDF-1.7\n%\u00e2\u00e3\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A minimal Word document: an OOXML package with a <c>word/</c> part.</summary>
    public static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[]
            {
                ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
                ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>"),
                ("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"),
            })
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open());
                entry.Write(text);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>multipart/form-data as HttpClient builds it: field <c>file</c> with a declared type, optional <c>purpose</c>.</summary>
    public static MultipartFormDataContent Form(byte[] content, string fileName, string declaredType = "application/octet-stream", string? purpose = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        form.Add(file, "file", fileName);
        if (purpose is not null)
        {
            form.Add(new StringContent(purpose), "purpose");
        }

        return form;
    }

    public static async Task<JsonElement> UploadAsync(this HttpClient client, string slug, byte[] content, string fileName, string declaredType = "application/octet-stream", string? purpose = null)
    {
        var response = await client.PostAsync($"/api/v1/tenants/{slug}/files", Form(content, fileName, declaredType, purpose));
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A user with a tenant of their own (they are its Owner).</summary>
    public static async Task<(TestUser Owner, string Slug, Guid TenantId)> OwnerWithTenantAsync(this PorticoFactory app)
    {
        var owner = await app.RegisterAsync();
        var tenant = await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Files Test", slug = Http.Unique("files"), vertical = "generic" }))
            .ShouldBe(HttpStatusCode.Created);
        return (owner, tenant.Str("slug"), Guid.Parse(tenant.Str("id")));
    }

    public static async Task<TestUser> AddMemberAsync(this PorticoFactory app, TestUser owner, string slug, string role)
    {
        var member = await app.RegisterAsync();
        await (await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/invitations", new { email = member.Email, role })).ShouldBe(HttpStatusCode.Created);
        await (await member.Client(app).PostAsync($"/api/v1/invitations/{app.Smtp.LastLinkToken(member.Email)}/accept", null)).ShouldBe(HttpStatusCode.OK);
        return member;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
