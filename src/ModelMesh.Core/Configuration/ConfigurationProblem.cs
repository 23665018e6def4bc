using System.Text;

namespace ModelMesh;

/// <summary>One thing wrong with a configuration, and where it is.</summary>
/// <param name="Message">
/// What was wrong and what was expected. Never contains a secret value: when the entry's value came from a
/// <c>${env:…}</c> or <c>${secrets:…}</c> substitution, the value is replaced by its reference.
/// </param>
/// <param name="Location">Where the offending entry is.</param>
public sealed record ConfigurationProblem(string Message, ConfigLocation Location)
{
    private readonly string _message = Redact(Message, Location);

    /// <summary>What was wrong and what was expected; never a substituted value.</summary>
    public string Message
    {
        get => _message;
        init => _message = Redact(value, Location);
    }

    /// <summary>Formats the problem as <c>file(line,column): 'key.path': message</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        ConfigLocation.AppendPrefix(text, Location.Source, Location.Line, Location.Column, Location.KeyPath);
        return text.Append(Message).ToString();
    }

    private static string Redact(string message, ConfigLocation location)
    {
        ArgumentNullException.ThrowIfNull(message);
        return location?.Substituted is { } substituted ? substituted.Redact(message) : message;
    }
}
