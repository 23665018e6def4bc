namespace ModelMesh.Configuration;

/// <summary>
/// A scalar's value that came from a <c>${env:…}</c> or <c>${secrets:…}</c> substitution, carried by its
/// <see cref="ConfigLocation"/> so that a problem reported there never shows the value, whoever writes the message.
/// </summary>
/// <param name="Value">The value after substitution (possibly a secret).</param>
/// <param name="Shown">What messages say instead, for example <c>the value of ${secrets:NAME}</c>.</param>
internal sealed record SubstitutedValue(string Value, string Shown)
{
    // Shorter values are too likely to be ordinary words of the message itself ("true", "10s") to be replaced
    // where they are not quoted; quoted, they are replaced whatever their length.
    private const int MinBareLength = 6;

    internal static SubstitutedValue For(string value, string rawValue) => new(value, Describe(rawValue));

    /// <summary><c>the value of ${secrets:NAME}</c> for a lone reference; <c>the value of 'prefix-${env:X}'</c> otherwise.</summary>
    internal static string Describe(string rawValue)
    {
        var raw = rawValue.Trim();
        var lone = raw.StartsWith("${", StringComparison.Ordinal) && raw.IndexOf('}', StringComparison.Ordinal) == raw.Length - 1;
        return lone ? "the value of " + raw : $"the value of '{ConfigNode.Shorten(raw)}'";
    }

    /// <summary>The message with the value, quoted or (when long enough) bare, replaced by <see cref="Shown"/>.</summary>
    internal string Redact(string message)
    {
        if (Value.Length == 0)
        {
            return message;
        }
        var redacted = message.Replace("'" + Value + "'", Shown, StringComparison.Ordinal)
            .Replace("\"" + Value + "\"", Shown, StringComparison.Ordinal);
        return Value.Length >= MinBareLength ? redacted.Replace(Value, Shown, StringComparison.Ordinal) : redacted;
    }
}
