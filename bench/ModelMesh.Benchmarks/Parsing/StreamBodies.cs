using System.Text;

namespace ModelMesh.Benchmarks.Parsing;

/// <summary>A captured stream repeated into one large response body, with what a reader of it should find.</summary>
/// <param name="Body">The body: the capture repeated, its end marker only at the end.</param>
/// <param name="Events">Events (SSE <c>data:</c> fields) in the body, the end marker included.</param>
internal sealed record StreamBody(byte[] Body, int Events)
{
    /// <summary>Body size in MB (10^6 bytes), for the MB/s column.</summary>
    public double Megabytes => Body.Length / 1e6;
}

/// <summary>
/// The bodies the parsing benchmarks read: conformance captures (tests/conformance, embedded in this assembly)
/// repeated to about <see cref="TargetBytes"/>. A stream's end marker (<c>data: [DONE]</c>, Anthropic's
/// <c>message_stop</c>) is kept only after the last repetition, so every reader reads the whole body.
/// </summary>
internal static class StreamBodies
{
    public const int TargetBytes = 10_000_000;

    public const string Text = "text";
    public const string Tools = "tools";
    public const string Anthropic = "anthropic";

    private static readonly Dictionary<string, StreamBody> Bodies = new()
    {
        [Text] = Repeat("openai-text.sse", "data: [DONE]"),
        [Tools] = Repeat("openai-tools.sse", "data: [DONE]"),
        [Anthropic] = Repeat("anthropic.sse", "event: message_stop\ndata: {\"type\":\"message_stop\"}"),
    };

    public static StreamBody Get(string scenario) => Bodies[scenario];

    private static StreamBody Repeat(string resource, string endMarker)
    {
        using var stream = typeof(StreamBodies).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The capture {resource} is not embedded.");
        using var text = new StreamReader(stream, Encoding.UTF8);
        var capture = text.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        if (!capture.EndsWith(endMarker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The capture {resource} does not end with its end marker.");
        }
        var once = capture[..^endMarker.Length].TrimEnd() + "\n\n";
        var body = new StringBuilder(TargetBytes + once.Length);
        while (body.Length < TargetBytes)
        {
            body.Append(once);
        }
        body.Append(endMarker).Append("\n\n");
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        return new StreamBody(bytes, CountEvents(bytes));
    }

    private static int CountEvents(ReadOnlySpan<byte> body)
    {
        var events = body.StartsWith("data:"u8) ? 1 : 0;
        var marker = "\ndata:"u8;
        for (var at = body.IndexOf(marker); at >= 0; at = body.IndexOf(marker))
        {
            events++;
            body = body[(at + marker.Length)..];
        }
        return events;
    }
}
