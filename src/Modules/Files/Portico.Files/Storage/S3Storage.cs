using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portico.Files.Storage;

/// <summary>
/// Files as objects in one bucket of an S3-compatible store (<c>Portico:Files:S3</c>), the object key
/// being the storage key. Requests are SigV4-signed over the whole payload, without aws-chunked
/// encoding or optional checksum trailers, which every S3-compatible server understands.
/// </summary>
internal sealed class S3Storage : IFileStorage, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly ILogger<S3Storage> _logger;

    public S3Storage(IOptions<FilesOptions> options, ILogger<S3Storage> logger)
    {
        _logger = logger;
        var s3 = options.Value.S3;
        _bucket = s3.Bucket!;
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromMinutes(5),
            MaxErrorRetry = 2,
        };
        if (string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(s3.Region);
        }
        else
        {
            config.ServiceURL = s3.ServiceUrl;
            config.AuthenticationRegion = s3.Region;
        }

        _client = string.IsNullOrEmpty(s3.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }

    public string StagingDirectory { get; } = Path.Combine(Path.GetTempPath(), "portico-files-staging");

    public async Task StoreAsync(string key, string stagedPath, string contentType, CancellationToken cancellationToken)
    {
        await Call(() => _client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _bucket,
                Key = StorageKeys.Checked(key),
                FilePath = stagedPath,
                ContentType = contentType,
                UseChunkEncoding = false,
            },
            cancellationToken));
        File.Delete(stagedPath);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await Call(() => _client.GetObjectAsync(_bucket, StorageKeys.Checked(key), cancellationToken), notFoundIsNull: true);
        return response?.ResponseStream;
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await Call(() => _client.DeleteObjectAsync(_bucket, StorageKeys.Checked(key), cancellationToken));

    public void Dispose() => _client.Dispose();

    /// <summary>A store that fails or does not answer is a 503 for the caller, not a 500; the cause goes to the log.</summary>
    private async Task<T?> Call<T>(Func<Task<T>> request, bool notFoundIsNull = false)
        where T : class
    {
        try
        {
            return await request();
        }
        catch (AmazonS3Exception ex) when (notFoundIsNull && ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            _logger.LogError(ex, "The object store failed on bucket {Bucket}", _bucket);
            throw new ServiceUnavailableException("The file storage did not answer. Try again later.");
        }
    }
}
