using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Portico.Kernel.Security;

/// <summary>
/// HMAC keys for the platform's own signatures (signed download links, web form tokens). Each purpose gets its
/// own key derived with HKDF from <c>Portico:Auth:SigningKey</c>, so one signature can never pass as another and
/// every instance of a scaled-out deployment derives the same key; without that setting, a key generated once
/// into a key file (on shared storage when several instances run).
/// </summary>
public static class PlatformKeys
{
    public static byte[] Derive(IConfiguration configuration, string purpose, string keyFile)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Portico:Auth:SigningKey"] is { Length: > 0 } authKey)
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(authKey), 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
        }

        var path = Path.GetFullPath(keyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance created it first; use theirs.
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
