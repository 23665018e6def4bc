using System.Globalization;
using System.Text;
using ModelMesh.Configuration;

namespace ModelMesh;

/// <summary>
/// Where a configuration value came from: the file (or source name), the 1-based line and column when known,
/// and the key path inside the configuration.
/// </summary>
/// <remarks>
/// Key paths join keys with dots and index sequences with brackets (<c>pools.chat.retry.max_attempts</c>,
/// <c>pools.chat.models[0]</c>). A key that is not made only of letters, digits, <c>_</c> and <c>-</c> — model
/// ids such as <c>openai.gpt-4o</c> — is written quoted in brackets so the path stays unambiguous:
/// <c>models["openai.gpt-4o"].capabilities[1]</c>.
/// </remarks>
/// <param name="Source">The file path or source name (for example an <c>IConfiguration</c> section), when known.</param>
/// <param name="Line">The 1-based line, when known (not for <c>IConfiguration</c> sources).</param>
/// <param name="Column">The 1-based column, when known.</param>
/// <param name="KeyPath">The key path; empty for the root.</param>
public sealed record ConfigLocation(string? Source, int? Line, int? Column, string KeyPath)
{
    /// <summary>
    /// The substituted value of the scalar written here, if it came from <c>${env:…}</c> or <c>${secrets:…}</c>:
    /// a <see cref="ConfigurationProblem"/> at this location shows its reference instead. Not part of equality.
    /// </summary>
    internal SubstitutedValue? Substituted { get; init; }

    /// <summary>Whether both name the same place (source, line, column and key path).</summary>
    /// <param name="other">The other location.</param>
    public bool Equals(ConfigLocation? other) =>
        other is not null && Source == other.Source && Line == other.Line && Column == other.Column && KeyPath == other.KeyPath;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Source, Line, Column, KeyPath);

    /// <summary>The location of the root of <paramref name="source"/>, with no line.</summary>
    public static ConfigLocation Root(string? source) => new(source, null, null, string.Empty);

    /// <summary>The key path of entry <paramref name="key"/> below <paramref name="parentPath"/>.</summary>
    public static string AppendKey(string parentPath, string key)
    {
        ArgumentNullException.ThrowIfNull(parentPath);
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder(parentPath);
        if (IsSimpleKey(key))
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }
            return text.Append(key).ToString();
        }
        text.Append("[\"");
        foreach (var c in key)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\');
            }
            text.Append(c);
        }
        return text.Append("\"]").ToString();
    }

    /// <summary>The key path of item <paramref name="index"/> of the sequence at <paramref name="parentPath"/>.</summary>
    public static string AppendIndex(string parentPath, int index)
    {
        ArgumentNullException.ThrowIfNull(parentPath);
        return string.Create(CultureInfo.InvariantCulture, $"{parentPath}[{index}]");
    }

    /// <summary>The same place with another key path (used when an alias re-uses an anchored node elsewhere).</summary>
    public ConfigLocation WithKeyPath(string keyPath) => this with { KeyPath = keyPath };

    /// <summary>Formats the location as <c>file(line,column): 'key.path'</c>, leaving out the parts not known.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendPrefix(text, Source, Line, Column, KeyPath);
        return text.Length >= 2 ? text.ToString(0, text.Length - 2) : "(unknown location)";
    }

    /// <summary>Writes <c>file(line,column): 'key.path': </c> for the parts that are known.</summary>
    internal static void AppendPrefix(StringBuilder text, string? source, int? line, int? column, string? keyPath)
    {
        if (source is not null)
        {
            text.Append(source);
            if (line is int l)
            {
                text.Append('(').Append(l.ToString(CultureInfo.InvariantCulture));
                if (column is int c)
                {
                    text.Append(',').Append(c.ToString(CultureInfo.InvariantCulture));
                }
                text.Append(')');
            }
            text.Append(": ");
        }
        if (!string.IsNullOrEmpty(keyPath))
        {
            text.Append('\'').Append(keyPath).Append("': ");
        }
    }

    private static bool IsSimpleKey(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }
}
