namespace ModelMesh.Cdk;

/// <summary>
/// How a provider instance reaches its upstream. <see cref="ToString"/> never shows the API key or header values.
/// </summary>
public sealed class ProviderOptions
{
    /// <summary>Creates options for an upstream at <paramref name="baseUrl"/>.</summary>
    /// <param name="id">The provider instance id used in errors, logs and routing (for example <c>openai</c>).</param>
    /// <param name="baseUrl">The upstream's base URL (for example <c>https://api.openai.com</c>); a trailing <c>/v1</c> is accepted.</param>
    /// <exception cref="ArgumentException">The id is empty or the URL is not an absolute http(s) URL.</exception>
    public ProviderOptions(string id, Uri baseUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The base URL of provider '{id}' must be an absolute http or https URL; got '{baseUrl.OriginalString}'.", nameof(baseUrl));
        }
        Id = id;
        BaseUrl = baseUrl;
    }

    /// <summary>Creates options for an upstream at <paramref name="baseUrl"/>.</summary>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL.</exception>
    public ProviderOptions(string id, string baseUrl)
        : this(id, Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"The base URL of provider '{id}' must be an absolute http or https URL; got '{baseUrl}'.", nameof(baseUrl)))
    {
    }

    /// <summary>The provider instance id used in errors, logs and routing.</summary>
    public string Id { get; }

    /// <summary>The upstream's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The API key, sent by the default <c>BuildHeaders</c> hook as <c>Authorization: Bearer</c>. Never printed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The OpenAI organization, sent as <c>OpenAI-Organization</c> when set.</summary>
    public string? Organization { get; init; }

    /// <summary>Extra headers sent with every request. Their values are treated as secrets in messages.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// Time allowed for a non-streamed call as a whole, and for a streamed call until the response headers
    /// arrive. Default 120 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Longest wait to open a TCP (and TLS) connection to the upstream. Default 10 s. Applies when the provider
    /// creates its own HTTP client; a client passed in keeps its handler's setting.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest wait for the next event of a streamed response (counted from the headers, then from each event).
    /// Keep-alive comments are not events and do not restart it. Default 60 s.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether streamed requests ask for a final usage chunk (<c>stream_options.include_usage</c>) when the
    /// caller did not set stream options, so usage and cost are known for streams too. Default true.
    /// </summary>
    public bool RequestStreamUsage { get; init; } = true;

    /// <summary>
    /// The provider's <c>config:</c> mapping when it is built from a configuration file, null otherwise. A connector
    /// reads its own <see cref="ProviderConnector.SettingKeys"/> from it; the accessors report a wrong value with its
    /// file, line and key path.
    /// </summary>
    public ConnectorSettings? Settings { get; init; }

    /// <summary>
    /// Finds a Microsoft.Extensions.AI chat client registered under a key (<see cref="ModelMesh.MeshConfigOptions.ChatClients"/>),
    /// for the <c>meai.chat-client.v1</c> connector; null when the mesh was not given one.
    /// </summary>
    internal Func<string, Microsoft.Extensions.AI.IChatClient?>? ChatClients { get; init; }

    /// <summary>The upstream names of the models the configuration gives this provider (what a catalogue-less connector lists).</summary>
    internal IReadOnlyList<string> ConfiguredModels { get; init; } = [];

    /// <summary>Where the configuration declares this provider, for a connector's own located errors; null when built in code.</summary>
    internal ConfigLocation? Location { get; init; }

    /// <summary>The clock used for HTTP-date <c>Retry-After</c> values. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Largest error body read for classification; the rest is discarded. Default 64 KiB.</summary>
    public int MaxErrorBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The default of <see cref="MaxResponseBodyBytes"/>: 32 MiB.</summary>
    public const int DefaultMaxResponseBodyBytes = 32 * 1024 * 1024;

    /// <summary>The default of <see cref="MaxStreamEventBytes"/>: 4 MiB.</summary>
    public const int DefaultMaxStreamEventBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Largest successful response body read whole: a completion, an embeddings response, the models list, speech
    /// audio, a transcription, and a JSON answer to a streamed request. A body whose <c>Content-Length</c> is larger
    /// fails before it is read; one without a length fails as soon as the limit is crossed, so memory stays bounded
    /// whatever the upstream sends. The failure is a <see cref="ResponseTooLargeException"/> (not retryable: the
    /// model would send the same again; the mesh fails over). Config key <c>max_response_bytes</c>.
    /// </summary>
    /// <remarks>
    /// Default 32 MiB (<see cref="DefaultMaxResponseBodyBytes"/>). The largest legitimate bodies are embeddings of big
    /// batches: OpenAI's largest batch, 2,048 inputs of 1,536 dimensions, is about 17 MB as base64; as float JSON a
    /// number takes 14–22 bytes, so 32 MiB holds about 1,000–1,500 such inputs. A chat completion or a models list
    /// is rarely above 1 MB, and speech for a maximal input is a few MB (about 14 MB as WAV). Raise it for larger
    /// float-encoded batches; lowering it bounds what one call can hold in memory (about twice the limit at worst).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not above zero.</exception>
    public int MaxResponseBodyBytes
    {
        get => _maxResponseBodyBytes;
        init => _maxResponseBodyBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxResponseBodyBytes of provider '{Id}' must be above zero.");
    }

    /// <summary>
    /// Largest single event of a streamed response: one line, and the data of one event (its <c>data:</c> lines
    /// joined). A larger event fails the stream with a <see cref="ResponseTooLargeException"/> as soon as the limit
    /// is crossed, without buffering the rest. Config key <c>max_stream_event_bytes</c>.
    /// </summary>
    /// <remarks>
    /// Default 4 MiB (<see cref="DefaultMaxStreamEventBytes"/>). Chunks are normally under 1 KB; the largest
    /// legitimate ones carry a whole tool call's arguments or an image (a base64 1024×1024 PNG is 1–3 MB).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not above zero.</exception>
    public int MaxStreamEventBytes
    {
        get => _maxStreamEventBytes;
        init => _maxStreamEventBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxStreamEventBytes of provider '{Id}' must be above zero.");
    }

    private readonly int _maxResponseBodyBytes = DefaultMaxResponseBodyBytes;
    private readonly int _maxStreamEventBytes = DefaultMaxStreamEventBytes;

    /// <inheritdoc/>
    public override string ToString() =>
        $"ProviderOptions {{ Id = {Id}, BaseUrl = {BaseUrl.GetLeftPart(UriPartial.Path)}, ApiKey = {(ApiKey is null ? "(none)" : "***")}, Headers = {Headers?.Count ?? 0} }}";
}
