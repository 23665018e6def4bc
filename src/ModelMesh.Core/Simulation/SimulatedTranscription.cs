using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ModelMesh.Simulation;

/// <summary>
/// <c>POST /v1/audio/transcriptions</c> of the simulated upstream: a sentence saying how much audio arrived, as
/// JSON (<c>json</c>, <c>verbose_json</c>, the default) or as text (<c>text</c>, <c>srt</c>, <c>vtt</c>).
/// </summary>
internal static class SimulatedTranscription
{
    /// <exception cref="SimulatedRequestException">The request is malformed.</exception>
    public static HttpResponseMessage Respond(MediaTypeHeaderValue? contentType, ReadOnlyMemory<byte> body)
    {
        var form = MultipartForm.Parse(contentType, body);
        if (!form.TryGetValue("model", out var model) || model.IsEmpty)
        {
            throw new SimulatedRequestException("'model' is required.", "model");
        }
        if (!form.TryGetValue("file", out var file))
        {
            throw new SimulatedRequestException("'file' is required: the audio to transcribe.", "file");
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"Simulated transcription of {file.Length} bytes of audio.");
        var format = form.TryGetValue("response_format", out var formatBytes) ? Encoding.UTF8.GetString(formatBytes.Span) : "json";
        return format switch
        {
            "json" or "verbose_json" => UpstreamResponses.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("text", text);
                w.WriteEndObject();
            }),
            "text" => Plain(text),
            "srt" => Plain($"1\n00:00:00,000 --> 00:00:01,000\n{text}\n"),
            "vtt" => Plain($"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{text}\n"),
            _ => throw new SimulatedRequestException("'response_format' must be json, verbose_json, text, srt or vtt.", "response_format"),
        };
    }

    private static HttpResponseMessage Plain(string text) => UpstreamResponses.Bytes(Encoding.UTF8.GetBytes(text), "text/plain");
}
