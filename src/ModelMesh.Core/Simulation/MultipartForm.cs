using System.Net.Http.Headers;
using System.Text;

namespace ModelMesh.Simulation;

/// <summary>The parts of a <c>multipart/form-data</c> body by field name: enough of RFC 7578 to read what clients send.</summary>
internal static class MultipartForm
{
    /// <exception cref="SimulatedRequestException">The body is not multipart form data.</exception>
    public static Dictionary<string, ReadOnlyMemory<byte>> Parse(MediaTypeHeaderValue? contentType, ReadOnlyMemory<byte> body)
    {
        var boundary = contentType?.MediaType is "multipart/form-data"
            ? contentType.Parameters.FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"')
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new SimulatedRequestException("The request must be multipart/form-data with a boundary.");
        }
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var span = body.Span;
        var start = span.IndexOf(delimiter);
        if (start < 0)
        {
            throw new SimulatedRequestException("The multipart body has no part delimited by its boundary.");
        }
        var position = start + delimiter.Length;
        while (true)
        {
            if (span[position..].StartsWith("--"u8))
            {
                return parts; // the closing delimiter
            }
            var headersStart = position + SkipLineBreak(span[position..]);
            var headersEnd = span[headersStart..].IndexOf("\r\n\r\n"u8);
            if (headersEnd < 0)
            {
                throw new SimulatedRequestException("A multipart part has no end of headers.");
            }
            var headers = Encoding.UTF8.GetString(span.Slice(headersStart, headersEnd));
            var dataStart = headersStart + headersEnd + 4;
            var next = span[dataStart..].IndexOf(Encoding.ASCII.GetBytes("\r\n--" + boundary));
            if (next < 0)
            {
                throw new SimulatedRequestException("The multipart body ends before its closing boundary.");
            }
            if (FieldName(headers) is { } name)
            {
                parts[name] = body.Slice(dataStart, next);
            }
            position = dataStart + next + 2 + delimiter.Length;
        }
    }

    private static int SkipLineBreak(ReadOnlySpan<byte> span) => span.StartsWith("\r\n"u8) ? 2 : 0;

    /// <summary>The <c>name</c> of a part's <c>Content-Disposition: form-data</c> header, quoted or not.</summary>
    private static string? FieldName(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !line[..colon].Trim().Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase)
                || !ContentDispositionHeaderValue.TryParse(line[(colon + 1)..].Trim(), out var disposition))
            {
                continue;
            }
            return disposition.Name?.Trim('"');
        }
        return null;
    }
}
