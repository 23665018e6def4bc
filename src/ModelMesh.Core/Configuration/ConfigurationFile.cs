using System.Security.Cryptography;
using System.Text;

namespace ModelMesh.Configuration;

/// <summary>
/// Reads a configuration file's bytes once, so the text that is loaded and the content hash a watcher compares
/// later come from the same read.
/// </summary>
internal static class ConfigurationFile
{
    /// <summary>The file's bytes.</summary>
    /// <exception cref="ConfigurationException">The file is missing or cannot be read.</exception>
    public static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, ex);
        }
    }

    /// <summary>The file's bytes, read asynchronously.</summary>
    /// <exception cref="ConfigurationException">The file is missing or cannot be read.</exception>
    public static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, ex);
        }
    }

    /// <summary>The file's bytes, or null when it is missing or cannot be read (a watcher reports that itself).</summary>
    public static async Task<byte[]?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The text, without a byte-order mark (the YAML parser would read one as content).</summary>
    public static string Decode(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The content hash a watcher compares to tell a real change from a touch.</summary>
    public static byte[] Hash(byte[] content) => SHA256.HashData(content);

    private static ConfigurationException Unreadable(string path, Exception ex)
    {
        var what = ex is FileNotFoundException or DirectoryNotFoundException ? "The configuration file does not exist." : $"The configuration file cannot be read: {ex.Message}";
        return new ConfigurationException(what, ConfigLocation.Root(path), ex);
    }
}
