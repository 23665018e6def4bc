namespace ModelMesh.Cdk;

/// <summary>
/// Bounds on text an upstream chose (error messages, codes), so a hostile or broken upstream cannot put megabytes
/// into an exception message or a log line.
/// </summary>
internal static class UpstreamText
{
    /// <summary>The longest error message kept, in characters.</summary>
    public const int MaxMessageLength = 2_000;

    /// <summary>The longest code, type or parameter name kept, in characters.</summary>
    public const int MaxFieldLength = 200;

    private const string Ellipsis = "…";

    /// <summary>The text, cut to <paramref name="maxLength"/> characters (the last one an ellipsis) when longer.</summary>
    public static string Bound(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = maxLength - Ellipsis.Length;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--; // never leave half a surrogate pair
        }
        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }
}
