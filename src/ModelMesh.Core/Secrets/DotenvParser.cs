using System.Text;

namespace ModelMesh.Cdk;

/// <summary>
/// Parses <c>.env</c> text: <c>KEY=VALUE</c> lines, <c>#</c> comments, an optional <c>export </c> prefix, single
/// quotes (literal), double quotes (with <c>\n</c>, <c>\t</c>, <c>\"</c>, <c>\\</c> escapes; may span lines) and
/// unquoted values with a trailing <c> # comment</c>. A later definition replaces an earlier one. Lines that are not
/// assignments are skipped, as dotenv tools do.
/// </summary>
internal static class DotenvParser
{
    internal static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var lineEnd = IndexOfLineEnd(text, i);
            var line = text.AsSpan(i, lineEnd - i).Trim();
            var next = SkipNewline(text, lineEnd);
            if (line.Length == 0 || line[0] == '#')
            {
                i = next;
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }
            var equals = line.IndexOf('=');
            var key = equals > 0 ? line[..equals].Trim().ToString() : string.Empty;
            if (key.Length == 0 || key.Contains(' ', StringComparison.Ordinal))
            {
                i = next;
                continue;
            }
            // The value starts after '=' in the original text, because a quoted value may run past this line.
            var valueStart = text.IndexOf('=', i) + 1;
            while (valueStart < lineEnd && text[valueStart] is ' ' or '\t')
            {
                valueStart++;
            }
            string value;
            if (valueStart < text.Length && text[valueStart] is '"' or '\'')
            {
                (value, next) = ReadQuoted(text, valueStart);
            }
            else
            {
                value = Unquoted(text.AsSpan(valueStart, Math.Max(0, lineEnd - valueStart)));
            }
            result[key] = value;
            i = next;
        }
        return result;
    }

    private static string Unquoted(ReadOnlySpan<char> raw)
    {
        // " #" starts a comment; a '#' inside a word (a URL fragment, a password) does not.
        for (var k = 0; k < raw.Length; k++)
        {
            if (raw[k] == '#' && (k == 0 || raw[k - 1] is ' ' or '\t'))
            {
                raw = raw[..k];
                break;
            }
        }
        return raw.Trim().ToString();
    }

    private static (string Value, int Next) ReadQuoted(string text, int start)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var k = start + 1;
        while (k < text.Length && text[k] != quote)
        {
            if (quote == '"' && text[k] == '\\' && k + 1 < text.Length)
            {
                k++;
                value.Append(text[k] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var other => other });
            }
            else
            {
                value.Append(text[k]);
            }
            k++;
        }
        // Whatever follows the closing quote on its line (a comment) is ignored.
        return (value.ToString(), SkipNewline(text, IndexOfLineEnd(text, Math.Min(k + 1, text.Length))));
    }

    private static int IndexOfLineEnd(string text, int from)
    {
        var end = text.IndexOfAny(['\r', '\n'], from);
        return end < 0 ? text.Length : end;
    }

    private static int SkipNewline(string text, int at)
    {
        if (at < text.Length && text[at] == '\r')
        {
            at++;
        }
        if (at < text.Length && text[at] == '\n')
        {
            at++;
        }
        return at;
    }
}
