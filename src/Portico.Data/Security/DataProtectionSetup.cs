using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Kernel.Security;
using StackExchange.Redis;

namespace Portico.Data.Security;

/// <summary>Settings under <c>Portico:DataProtection</c>: where the keys that encrypt stored secrets live.</summary>
public sealed class DataProtectionOptions
{
    public const string Section = "Portico:DataProtection";

    /// <summary><c>Database</c> (default: <c>platform.data_protection_keys</c>, shared by every instance) or <c>Redis</c>.</summary>
    public string KeyStore { get; set; } = "Database";

    /// <summary>For <c>KeyStore = Redis</c>; defaults to <c>Portico:Caching:RedisConnectionString</c>.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>
    /// Base64 of 32 random bytes that encrypts the keys themselves where they are stored. Default: derived from
    /// <c>Portico:Auth:SigningKey</c>, else generated once into <see cref="KeyFile"/>. Set it before ever changing
    /// the signing key, or the stored keys (and so every stored secret) can no longer be read.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    public string KeyFile { get; set; } = "./data/keys/data-protection.key";

    /// <summary>How long a key is the one new secrets are encrypted with; older keys keep decrypting.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromDays(90);
}

public static class DataProtectionSetup
{
    /// <summary>The application name every instance shares, so they read one another's ciphertexts.</summary>
    public const string ApplicationName = "portico";

    public static IServiceCollection AddPorticoDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DataProtectionOptions.Section).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .SetDefaultKeyLifetime(options.KeyLifetime);
        if (string.Equals(options.KeyStore, "Redis", StringComparison.OrdinalIgnoreCase))
        {
            var redis = options.RedisConnectionString ?? configuration["Portico:Caching:RedisConnectionString"];
            if (string.IsNullOrWhiteSpace(redis))
            {
                throw new InvalidOperationException("Portico:DataProtection:KeyStore is Redis but no Redis connection string is set (Portico:DataProtection:RedisConnectionString or Portico:Caching:RedisConnectionString).");
            }

            var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redis));
            builder.PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), "portico:data-protection-keys");
        }
        else
        {
            builder.PersistKeysToDbContext<PlatformDbContext>();
        }

        services.AddSingleton(new KeyEncryptionKey(options.KeyEncryptionKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : PlatformKeys.Derive(configuration, "portico:data-protection:key-encryption", options.KeyFile)));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new KeyXmlEncryptor(sp.GetRequiredService<KeyEncryptionKey>())));
        services.AddSingleton<SecretProtector>();
        return services;
    }
}

/// <summary>The key that encrypts Data Protection's keys where they are stored, so a copy of the database alone opens no secret.</summary>
public sealed class KeyEncryptionKey(byte[] key)
{
    internal byte[] Key { get; } = key.Length >= 32 ? key[..32] : throw new InvalidOperationException("Portico:DataProtection:KeyEncryptionKey must be at least 32 bytes (base64).");
}

/// <summary>Encrypts a key's XML with AES-GCM under <see cref="KeyEncryptionKey"/>.</summary>
internal sealed class KeyXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key.Key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with Portico:DataProtection:KeyEncryptionKey (AES-256-GCM). "),
            new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. cipher])));
        return new EncryptedXmlInfo(element, typeof(KeyXmlDecryptor));
    }
}

/// <summary>Made by Data Protection through its service provider when it reads a stored key.</summary>
internal sealed class KeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var key = services.GetRequiredService<KeyEncryptionKey>();
        var data = Convert.FromBase64String(encryptedElement.Element("value")!.Value);
        var plain = new byte[data.Length - 28];
        using (var aes = new AesGcm(key.Key, 16))
        {
            aes.Decrypt(data.AsSpan(0, 12), data.AsSpan(28), data.AsSpan(12, 16), plain);
        }

        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}
