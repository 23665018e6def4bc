using System.Text;

namespace ModelMesh.Configuration;

/// <summary>
/// The other spellings <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> sources may use for a
/// snake_case schema key: any letter case, with or without the underscores (<c>CooldownSeconds</c>,
/// <c>cooldownSeconds</c>, <c>COOLDOWN_SECONDS</c> all spell <c>cooldown_seconds</c>).
/// </summary>
internal static class KeySpelling
{
    /// <summary>The key without underscores; compare folded keys ignoring case.</summary>
    internal static string Fold(string key) => key.Contains('_', StringComparison.Ordinal) ? key.Replace("_", string.Empty, StringComparison.Ordinal) : key;

    /// <summary>Whether <paramref name="written"/> spells <paramref name="schemaKey"/>.</summary>
    internal static bool Same(string written, string schemaKey) =>
        string.Equals(Fold(written), Fold(schemaKey), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The schema keys in the style of <paramref name="written"/> (PascalCase for <c>CooldownSecond</c>, camelCase for
    /// <c>cooldownSecond</c>, as they are otherwise), so that a suggestion matches how the user writes keys.
    /// </summary>
    internal static string[] Like(string written, IReadOnlyList<string> schemaKeys)
    {
        var pascalOrCamel = written.Length > 0 && !written.Contains('_', StringComparison.Ordinal) && written.Any(char.IsAsciiLetterUpper);
        if (!pascalOrCamel)
        {
            return [.. schemaKeys];
        }
        var pascal = char.IsAsciiLetterUpper(written[0]);
        return schemaKeys.Select(key => Convert(key, pascal)).ToArray();
    }

    private static string Convert(string snakeKey, bool pascal)
    {
        var text = new StringBuilder(snakeKey.Length);
        var upper = pascal;
        foreach (var c in snakeKey)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return text.ToString();
    }
}
