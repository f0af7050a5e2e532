namespace Portico.Files;

/// <summary>Where stored files live.</summary>
internal enum FileStorageProvider
{
    /// <summary>A folder on the server's disk (<see cref="FilesOptions.LocalPath"/>): a laptop, one instance.</summary>
    Local,

    /// <summary>An S3-compatible object store (AWS S3, MinIO, Ceph, R2...): scaled-out deployments.</summary>
    S3,
}

/// <summary>Settings under <c>Portico:Files</c>, checked at start-up.</summary>
internal sealed class FilesOptions
{
    public const string Section = "Portico:Files";
    public const long DefaultMaxBytes = 25 * 1024 * 1024;

    /// <summary>Images, PDF, text, CSV and office documents.</summary>
    public static readonly string[] DefaultAllowedContentTypes =
    [
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv",
        ContentTypes.Docx, ContentTypes.Xlsx, ContentTypes.Pptx,
    ];

    public FileStorageProvider Provider { get; set; } = FileStorageProvider.Local;

    /// <summary>Root folder of the <see cref="FileStorageProvider.Local"/> provider, relative to the working directory.</summary>
    public string LocalPath { get; set; } = "./data/files";

    /// <summary>Largest file accepted; more is a 413, noticed while the upload streams.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Sniffed content types accepted; empty means <see cref="DefaultAllowedContentTypes"/>. Another type is a 415.</summary>
    public string[] AllowedContentTypes { get; set; } = [];

    /// <summary>
    /// Base64 HMAC key (at least 32 bytes) for signed download URLs. When empty, one is derived from
    /// <c>Portico:Auth:SigningKey</c>, else generated once into <see cref="KeyFile"/>.
    /// </summary>
    public string? SigningKey { get; set; }

    public string KeyFile { get; set; } = "./data/keys/files-signing.key";

    public S3Settings S3 { get; set; } = new();

    /// <summary>The configured list, or the default one (configuration binding appends to a pre-filled array, so the default is applied here).</summary>
    public IReadOnlyCollection<string> EffectiveAllowedContentTypes =>
        AllowedContentTypes.Length > 0 ? AllowedContentTypes : DefaultAllowedContentTypes;

    internal sealed class S3Settings
    {
        /// <summary>The endpoint of an S3-compatible store, e.g. <c>http://minio:9000</c>; empty for AWS itself (by <see cref="Region"/>).</summary>
        public string? ServiceUrl { get; set; }

        public string? Bucket { get; set; }

        /// <summary>With <see cref="SecretKey"/>; when empty the SDK's default credentials (environment, instance role) apply.</summary>
        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        public string Region { get; set; } = "us-east-1";

        /// <summary><c>{ServiceUrl}/{bucket}/{key}</c> rather than <c>{bucket}.{host}/{key}</c>; most self-hosted stores want this.</summary>
        public bool ForcePathStyle { get; set; } = true;
    }
}

/// <summary>The content types the sniffer names.</summary>
internal static class ContentTypes
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Webp = "image/webp";
    public const string Svg = "image/svg+xml";
    public const string Pdf = "application/pdf";
    public const string Zip = "application/zip";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Mp4 = "video/mp4";
    public const string QuickTime = "video/quicktime";
    public const string Text = "text/plain";
    public const string Csv = "text/csv";
    public const string Html = "text/html";
    public const string Elf = "application/x-executable";
    public const string WindowsExecutable = "application/vnd.microsoft.portable-executable";
    public const string Binary = "application/octet-stream";
}
