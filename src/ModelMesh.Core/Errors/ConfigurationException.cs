using System.Text;

namespace ModelMesh;

/// <summary>A configuration (file, <c>IConfiguration</c> section or options object) is invalid.</summary>
public sealed class ConfigurationException : ModelMeshException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what was expected.</param>
    /// <param name="filePath">The file, when the configuration came from one.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="keyPath">The dotted key path of the offending entry, when known.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ConfigurationException(string message, string? filePath = null, int? line = null, string? keyPath = null, Exception? innerException = null)
        : base(Describe(message, filePath, line, keyPath), innerException)
    {
        Detail = message;
        FilePath = filePath;
        Line = line;
        KeyPath = keyPath;
    }

    /// <summary>What was wrong and what was expected, without the location.</summary>
    public string Detail { get; }

    /// <summary>The file, when the configuration came from one.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>The dotted key path of the offending entry, when known.</summary>
    public string? KeyPath { get; }

    private static string Describe(string message, string? filePath, int? line, string? keyPath)
    {
        var text = new StringBuilder();
        if (filePath is not null)
        {
            text.Append(filePath);
            if (line is int l)
            {
                text.Append('(').Append(l).Append(')');
            }
            text.Append(": ");
        }
        if (keyPath is not null)
        {
            text.Append('\'').Append(keyPath).Append("': ");
        }
        return text.Append(message).ToString();
    }
}
