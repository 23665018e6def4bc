using System.Buffers;
using System.Globalization;
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
    /// <exception cref="ConfigurationException">The file is missing, cannot be read, or is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] Read(string path, int maxBytes)
    {
        try
        {
            CheckSize(path, maxBytes);
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, ex);
        }
    }

    /// <summary>The file's bytes, read asynchronously.</summary>
    /// <exception cref="ConfigurationException">The file is missing, cannot be read, or is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            CheckSize(path, maxBytes);
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, ex);
        }
    }

    /// <summary>
    /// The file's bytes, at most one more than <paramref name="maxBytes"/> (so a file grown too large is never read
    /// whole, and its parse reports it), or null when it is missing or cannot be read (a watcher reports that itself).
    /// </summary>
    public static async Task<byte[]?> TryReadAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[(int)Math.Min((long)maxBytes + 1, Math.Max(stream.Length, 0) + 1)];
                var total = 0;
                int read;
                while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }
                return total == buffer.Length ? buffer : buffer[..total];
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The text, without a byte-order mark (the YAML parser would read one as content). UTF-8 must be valid: a
    /// byte that is not would otherwise become U+FFFD and change a key or value without a word.
    /// </summary>
    /// <exception cref="ConfigurationException">The line and column of the first byte that is not UTF-8.</exception>
    public static string Decode(byte[] content, string? source)
    {
        var utf8 = content.AsSpan();
        if (utf8.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }
        else if (utf8.StartsWith(Utf16LittleEndianBom) || utf8.StartsWith(Utf16BigEndianBom))
        {
            // UTF-16 and UTF-32, told by their marks; their decoders do their own checking.
            using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        if (FirstInvalidUtf8(utf8) is int at)
        {
            var (line, column) = Position(utf8[..at]);
            throw new ConfigurationException(
                string.Create(CultureInfo.InvariantCulture, $"The file is not valid UTF-8: byte 0x{utf8[at]:X2} at line {line}, column {column} begins no UTF-8 character. Save it as UTF-8."),
                new ConfigLocation(source, line, column, string.Empty));
        }
        return Encoding.UTF8.GetString(utf8);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        while (at < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[at..], out _, out var consumed) != OperationStatus.Done)
            {
                return at;
            }
            at += consumed;
        }
        return null;
    }

    /// <summary>The 1-based line and column (in characters) just after <paramref name="before"/>, which is valid UTF-8.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> before)
    {
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        return (line, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    /// <summary>The content hash a watcher compares to tell a real change from a touch.</summary>
    public static byte[] Hash(byte[] content) => SHA256.HashData(content);

    /// <summary>Refuses a file above the document limit before reading it.</summary>
    private static void CheckSize(string path, int maxBytes)
    {
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new ConfigurationException(YamlTreeReader.TooLargeMessage(length, maxBytes), ConfigLocation.Root(path));
        }
    }

    private static ConfigurationException Unreadable(string path, Exception ex)
    {
        var what = ex is FileNotFoundException or DirectoryNotFoundException ? "The configuration file does not exist." : $"The configuration file cannot be read: {ex.Message}";
        return new ConfigurationException(what, ConfigLocation.Root(path), ex);
    }
}
