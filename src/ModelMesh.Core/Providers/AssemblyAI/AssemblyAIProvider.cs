using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.AssemblyAI;

/// <summary>
/// The <c>assemblyai.stt.v1</c> connector: AssemblyAI speech to text, three steps — the audio uploaded raw to
/// <c>POST /v2/upload</c>, a transcript job submitted to <c>POST /v2/transcript</c>, then <c>GET /v2/transcript/{id}</c>
/// every <c>poll_interval</c> (3 s) up to <c>max_polls</c> (120) times. The key (<c>ASSEMBLYAI_API_KEY</c>) is sent
/// as <c>Authorization: &lt;key&gt;</c> (no <c>Bearer</c>). See docs/providers/assemblyai.md.
/// </summary>
[Provider("assemblyai.stt.v1", BaseUrl = "https://api.assemblyai.com", ApiKeyEnv = "ASSEMBLYAI_API_KEY",
    SettingKeys = [AssemblyAISettings.PollInterval, AssemblyAISettings.MaxPolls],
    WireRecords = [typeof(AssemblyAIUpload), typeof(AssemblyAITranscriptRequest), typeof(AssemblyAITranscript), typeof(AssemblyAIError)])]
[ModelInfo("assemblyai-best", "speech-to-text", PricePerRequest = 0.015)]
[ModelInfo("assemblyai-nano", "speech-to-text", PricePerRequest = 0.005)]
public sealed partial class AssemblyAIProvider : BaseProvider
{
    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        if (headers.Authorization is { Scheme: "Bearer" } bearer && bearer.Parameter == Options.ApiKey)
        {
            headers.Authorization = null;
        }
        if (!string.IsNullOrEmpty(Options.ApiKey) && headers.Authorization is null)
        {
            headers.TryAddWithoutValidation("Authorization", Options.ApiKey); // the bare key, AssemblyAI's scheme
        }
    }

    /// <summary>
    /// Upload, submit, poll. Each step is one exchange with the provider's request timeout; the polls are bounded by
    /// <c>max_polls</c>, and a transcript still unfinished after the last is a <see cref="ProviderException"/> of
    /// category <see cref="ProviderErrorCategory.Timeout"/>. The caller's token ends the wait between polls too.
    /// </summary>
    protected override async Task<TranscriptionResponse> TranscribeCoreAsync(TranscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model;
        var interval = AssemblyAISettings.PollIntervalOf(Options.Settings);
        var maxPolls = AssemblyAISettings.MaxPollsOf(Options.Settings);

        var upload = await SendAndReadAsync(HttpMethod.Post, "/v2/upload", () => UploadContent(request),
            static body => WireJson.ReadAssemblyAIUpload(body.Span), model, "upload", cancellationToken).ConfigureAwait(false);
        var submit = AssemblyAIMapper.Submit(request, upload.UploadUrl);
        var transcript = await SendAndReadAsync(HttpMethod.Post, "/v2/transcript", () => JsonContent(w => WireJson.Write(w, submit)),
            ReadTranscript, model, "transcript", cancellationToken).ConfigureAwait(false);

        for (var polls = 0; transcript.Status != AssemblyAITranscript.Completed; polls++)
        {
            if (polls == maxPolls)
            {
                var unfinished = new TimeoutException(
                    $"The AssemblyAI transcript was still '{transcript.Status}' after {maxPolls} polls {interval.TotalSeconds:0.###} s apart (config: max_polls, poll_interval).");
                throw CreateProviderException(model, new ProviderError(null, null, default, unfinished, inBand: false));
            }
            await Task.Delay(interval, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            transcript = await SendAndReadAsync(HttpMethod.Get, "/v2/transcript/" + Uri.EscapeDataString(transcript.Id), null,
                ReadTranscript, model, "transcript", cancellationToken).ConfigureAwait(false);
        }
        return AssemblyAIMapper.Response(transcript);
    }

    /// <summary>A transcript; one whose job failed (<c>"status": "error"</c>) is an in-band error, classified below.</summary>
    private static AssemblyAITranscript ReadTranscript(ReadOnlyMemory<byte> body)
    {
        var transcript = WireJson.ReadAssemblyAITranscript(body.Span);
        return transcript.Status == AssemblyAITranscript.Failed ? throw new InBandErrorException() : transcript;
    }

    /// <summary>The caller's audio, raw, never disposed (a failover reads it again).</summary>
    private static HttpContent UploadContent(TranscriptionRequest request)
    {
        var content = BorrowedContent.Of(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    /// <summary>
    /// A failed job (in band) is the audio's fault — undecodable, no speech — and is not retried; HTTP errors
    /// (<c>{"error": "…"}</c> with 401, 429, 5xx) are classified by their status.
    /// </summary>
    [HookOverride(ProviderHook.ClassifyError)]
    private static ErrorClassification? Classify(ProviderError error)
    {
        if (!error.InBand || error.Body.IsEmpty)
        {
            return null;
        }
        var message = WireJson.ReadAssemblyAIError(error.Body.Span).Error;
        return new ErrorClassification(ProviderErrorCategory.Client, IsRetryable: false) { Code = "transcript_error", Message = message };
    }
}
