using System.Text;

namespace ModelMesh;

/// <summary>One thing wrong with a configuration, and where it is.</summary>
/// <param name="Message">What was wrong and what was expected. Never contains a secret value.</param>
/// <param name="Location">Where the offending entry is.</param>
public sealed record ConfigurationProblem(string Message, ConfigLocation Location)
{
    /// <summary>Formats the problem as <c>file(line,column): 'key.path': message</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        ConfigLocation.AppendPrefix(text, Location.Source, Location.Line, Location.Column, Location.KeyPath);
        return text.Append(Message).ToString();
    }
}
