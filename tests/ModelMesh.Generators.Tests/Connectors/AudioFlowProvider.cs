using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>
/// The audio shapes that are not JSON-in, bytes-out: a speech body that is not JSON (BuildSpeechContent), audio
/// inside a JSON answer (ParseSpeechResponse on a wire record), and records no hook names (WireRecords) that a
/// multi-step transcription sends and reads itself.
/// </summary>
[Provider("audio.flow.v1", BaseUrl = "https://audio.example.com", WireRecords = [typeof(FlowJob), typeof(FlowStatus)])]
[ModelInfo("flow-voice", "text-to-speech")]
[ModelInfo("flow-ears", "speech-to-text")]
public partial class AudioFlowProvider : BaseProvider
{
    [HookOverride(ProviderHook.BuildSpeechContent)]
    private static HttpContent SpeechContent(SpeechRequest request)
    {
        var content = new StringContent("<speak>" + System.Security.SecurityElement.Escape(request.Input) + "</speak>", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ssml+xml");
        return content;
    }

    [HookOverride(ProviderHook.ParseSpeechResponse)]
    private static SpeechResult Speech(FlowAudio audio, SpeechRequest request) =>
        new(Convert.FromBase64String(audio.AudioBase64), "audio/mpeg", request.ResponseFormat ?? "mp3");

    /// <summary>The two steps: submit a job, read its status (the real loop is a connector's own C#).</summary>
    protected override async Task<TranscriptionResponse> TranscribeCoreAsync(TranscriptionRequest request, CancellationToken cancellationToken)
    {
        var job = await SendAndReadAsync(HttpMethod.Post, "/jobs", () => JsonContent(w => WireJson.Write(w, new FlowJob(request.Model, null))),
            body => WireJson.ReadFlowJob(body.Span), request.Model, "job", cancellationToken).ConfigureAwait(false);
        var status = await SendAndReadAsync(HttpMethod.Get, "/jobs/" + job.Id, null, body => WireJson.ReadFlowStatus(body.Span), request.Model, "status", cancellationToken).ConfigureAwait(false);
        return new TranscriptionResponse { Text = status.Text ?? string.Empty };
    }
}

public sealed record FlowAudio([property: JsonPropertyName("audio_base64")] string AudioBase64);

public sealed record FlowJob(string Model, string? Id);

public sealed record FlowStatus(string Status, string? Text);
