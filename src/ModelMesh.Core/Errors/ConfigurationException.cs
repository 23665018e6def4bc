using System.Globalization;
using System.Text;

namespace ModelMesh;

/// <summary>
/// A configuration (file, <c>IConfiguration</c> section or options object) is invalid. When a load finds several
/// problems they are all listed in <see cref="Problems"/> and in the message; the location properties are the
/// first problem's.
/// </summary>
public sealed class ConfigurationException : ModelMeshException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what was expected.</param>
    /// <param name="filePath">The file, when the configuration came from one.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="keyPath">The dotted key path of the offending entry, when known.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ConfigurationException(string message, string? filePath = null, int? line = null, string? keyPath = null, Exception? innerException = null)
        : this([new ConfigurationProblem(message, new ConfigLocation(filePath, line, null, keyPath ?? string.Empty))], innerException)
    {
        // Keep the null the caller gave rather than the empty path the location needs.
        KeyPath = keyPath;
    }

    /// <summary>Creates the exception for one problem at a known location.</summary>
    /// <param name="message">What was wrong and what was expected.</param>
    /// <param name="location">Where the offending entry is.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ConfigurationException(string message, ConfigLocation location, Exception? innerException = null)
        : this([new ConfigurationProblem(message, location ?? throw new ArgumentNullException(nameof(location)))], innerException)
    {
    }

    /// <summary>Creates the exception for one or more problems; the location properties are the first one's.</summary>
    /// <param name="problems">The problems, at least one.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ConfigurationException(IReadOnlyList<ConfigurationProblem> problems, Exception? innerException = null)
        : base(Describe(problems), innerException)
    {
        Problems = problems.ToArray();
        var first = Problems[0];
        Detail = first.Message;
        FilePath = first.Location.Source;
        Line = first.Location.Line;
        Column = first.Location.Column;
        KeyPath = first.Location.KeyPath.Length == 0 ? null : first.Location.KeyPath;
    }

    /// <summary>What was wrong and what was expected, without the location (the first problem's).</summary>
    public string Detail { get; }

    /// <summary>The file (or source name), when the configuration came from one.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column, when known.</summary>
    public int? Column { get; }

    /// <summary>The key path of the offending entry, when known.</summary>
    public string? KeyPath { get; }

    /// <summary>Every problem found, in the order found; never empty.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("At least one problem is required.", nameof(problems));
        }
        if (problems.Count == 1)
        {
            return problems[0].ToString();
        }
        var text = new StringBuilder(problems[0].ToString());
        text.Append(CultureInfo.InvariantCulture, $" ({problems.Count} problems in all:");
        foreach (var problem in problems)
        {
            text.Append("\n  - ").Append(problem.ToString());
        }
        return text.Append(')').ToString();
    }
}
