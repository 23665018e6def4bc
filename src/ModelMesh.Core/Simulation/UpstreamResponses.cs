using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ModelMesh.Simulation;

/// <summary>The response shapes of the simulated upstream: JSON bodies and OpenAI's error body.</summary>
internal static class UpstreamResponses
{
    public static byte[] JsonBytes(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static HttpResponseMessage Json(Action<Utf8JsonWriter> write, HttpStatusCode status = HttpStatusCode.OK) =>
        Bytes(JsonBytes(write), "application/json", status);

    public static HttpResponseMessage Bytes(byte[] body, string mediaType, HttpStatusCode status = HttpStatusCode.OK)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, string message, string? param, string code) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", status == HttpStatusCode.NotFound ? "not_found_error" : "invalid_request_error");
        if (param is null)
        {
            w.WriteNull("param");
        }
        else
        {
            w.WriteString("param", param);
        }
        w.WriteString("code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    }, status);
}
