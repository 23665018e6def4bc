namespace ModelMesh.Cli.Terminal;

/// <summary>ANSI styles for text written to a terminal; with colour off, text passes through unchanged.</summary>
internal sealed class Ansi(bool enabled)
{
    public string Bold(string text) => Wrap("1", text);

    public string Green(string text) => Wrap("32", text);

    public string Yellow(string text) => Wrap("33", text);

    public string Red(string text) => Wrap("31", text);

    public string Dim(string text) => Wrap("2", text);

    private string Wrap(string code, string text) => enabled && text.Length > 0 ? $"\u001b[{code}m{text}\u001b[0m" : text;

    /// <summary>
    /// Text from elsewhere (a gateway's answer) made safe to print: control characters, which could move the cursor
    /// or restyle the terminal, become '?'.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
