using System.Net;

namespace ModelMesh.Simulation;

/// <summary>
/// An in-memory OpenAI-compatible upstream: ModelMesh's built-in simulated provider is the ordinary
/// <see cref="Cdk.OpenAICompatibleProvider"/> sending through this handler, so requests are serialized and responses
/// (streams included) parsed exactly as for a real upstream. It answers deterministically: the same request gets the
/// same answer.
/// </summary>
/// <remarks>
/// <para>Serves <c>POST /v1/chat/completions</c> (whole, or streamed word by word at <see cref="SimulatedOptions.Pace"/>;
/// <c>n</c>, <c>max_tokens</c>/<c>max_completion_tokens</c>, tool calls and <c>stream_options.include_usage</c>
/// honoured), <c>POST /v1/embeddings</c> (unit vectors of the requested <c>dimensions</c>, default 256, as floats or
/// base64), <c>POST /v1/audio/speech</c> (a WAV tone, or raw PCM), <c>POST /v1/audio/transcriptions</c> and
/// <c>GET /v1/models</c>.</para>
/// <para>A malformed request gets a 400 and an unknown route a 404, each with OpenAI's error body naming what was wrong.</para>
/// </remarks>
public sealed class SimulatedUpstream : HttpMessageHandler
{
    /// <summary>The connector id of the simulated provider in configuration files.</summary>
    public const string ConnectorId = "modelmesh.simulated.v1";

    /// <summary>The simulated provider's vendor name: its provider id by default, and its models' id prefix.</summary>
    public const string ProviderId = "simulated";

    /// <summary>The upstream model names <c>GET /v1/models</c> lists (requests may name any model; it is echoed).</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["chat", "embed", "tts", "stt"];

    private readonly SimulatedOptions _options;

    /// <summary>Creates the upstream.</summary>
    /// <param name="options">Its pace and clock; null for the defaults.</param>
    public SimulatedUpstream(SimulatedOptions? options = null) => _options = options ?? new SimulatedOptions();

    /// <summary>Answers a request in memory.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels reading the request and, for a stream, the wait before each word.</param>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var body = request.Content is null ? ReadOnlyMemory<byte>.Empty : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (request.Method.Method, path) switch
            {
                ("POST", "/v1/chat/completions") => SimulatedChat.Respond(body, _options),
                ("POST", "/v1/embeddings") => SimulatedEmbeddings.Respond(body),
                ("POST", "/v1/audio/speech") => SimulatedSpeech.Respond(body),
                ("POST", "/v1/audio/transcriptions") => SimulatedTranscription.Respond(request.Content?.Headers.ContentType, body),
                ("GET", "/v1/models") => Models(),
                _ => UpstreamResponses.Error(HttpStatusCode.NotFound,
                    $"The simulated provider has no route {request.Method.Method} {path}. It serves POST /v1/chat/completions, POST /v1/embeddings, POST /v1/audio/speech, POST /v1/audio/transcriptions and GET /v1/models.",
                    null, "unknown_url"),
            };
        }
        catch (SimulatedRequestException e)
        {
            return UpstreamResponses.Error(HttpStatusCode.BadRequest, e.Message, e.Param, "invalid_request");
        }
    }

    private static HttpResponseMessage Models() => UpstreamResponses.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var name in ModelNames)
        {
            w.WriteStartObject();
            w.WriteString("id", name);
            w.WriteString("object", "model");
            w.WriteNumber("created", 0);
            w.WriteString("owned_by", "modelmesh-simulated");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
