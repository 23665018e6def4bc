namespace ModelMesh.Cdk;

/// <summary>
/// The base of every provider connector. It owns the HTTP transport, timeouts, incremental stream reading,
/// error classification and secret redaction; the hooks (<see cref="ProviderHook"/>) decide the wire format
/// and default to OpenAI's. A connector for another format overrides only the hooks that differ.
/// </summary>
public abstract partial class BaseProvider : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SecretRedactor _redactor;

    /// <summary>Creates the provider.</summary>
    /// <param name="options">Where and how to reach the upstream.</param>
    /// <param name="httpClient">
    /// The client to send with (for example from <c>IHttpClientFactory</c>); its own timeout should be infinite,
    /// because the provider applies <see cref="ProviderOptions.RequestTimeout"/> and
    /// <see cref="ProviderOptions.StreamIdleTimeout"/> itself. When null the provider creates and owns one.
    /// </param>
    protected BaseProvider(ProviderOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = options.ConnectTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _redactor = new SecretRedactor(new[] { options.ApiKey }.Concat(options.Headers?.Values ?? []));
    }

    /// <summary>The provider instance id (from <see cref="ProviderOptions.Id"/>).</summary>
    public string Id => Options.Id;

    /// <summary>Where and how this provider reaches its upstream.</summary>
    public ProviderOptions Options { get; }

    /// <summary>Sends a chat completion request and returns the whole answer.</summary>
    /// <param name="request">The request; <see cref="ChatCompletionRequest.Model"/> is sent as the upstream model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">The upstream failed; the subtype and <see cref="ProviderException.Category"/> say how.</exception>
    /// <exception cref="ArgumentException">The request is invalid (no model or no messages).</exception>
    public Task<ChatCompletion> CompleteAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default) =>
        Complete(request, owned: false, cancellationToken);

    /// <summary>
    /// <see cref="CompleteAsync"/> for a request the caller made for this call alone (the mesh's per-attempt copy):
    /// it is changed in place instead of copied again.
    /// </summary>
    internal Task<ChatCompletion> CompleteOwnedAsync(ChatCompletionRequest wire, CancellationToken cancellationToken) =>
        Complete(wire, owned: true, cancellationToken);

    // Not an async method: the task is CompleteCoreAsync's own (no second state machine per call). Every failure,
    // the request's checks included, still comes out of the task, as it did from the async method this was.
    private Task<ChatCompletion> Complete(ChatCompletionRequest request, bool owned, CancellationToken cancellationToken)
    {
        try
        {
            return CompleteCoreAsync(PrepareChatRequest(request, stream: false, owned), cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<ChatCompletion>(e);
        }
    }

    /// <summary>
    /// Answers a validated chat completion request (a copy the provider may change) over HTTP with the hooks.
    /// A provider that does not speak HTTP (for example one over an <c>IChatClient</c>) overrides this and
    /// <see cref="StreamCoreAsync"/>, and throws <see cref="ProviderException"/>s for the upstream's failures.
    /// </summary>
    /// <param name="wire">The request to send: it has a model and messages, and no streaming fields.</param>
    /// <param name="cancellationToken">Cancels the call; a cancellation is passed on as an <see cref="OperationCanceledException"/>.</param>
    protected virtual async Task<ChatCompletion> CompleteCoreAsync(ChatCompletionRequest wire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        return await CallAsync(wire.Model, "the response", timeout, cancellationToken, async token =>
        {
            using var response = await SendAsync(HttpMethod.Post, GetCompletionEndpoint(wire), w => BuildRequestPayload(w, wire), wire.Model, token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
            return RunHook(wire.Model, response, body, () => ParseResponse(body));
        }).ConfigureAwait(false);
    }

    /// <summary>Sends an embeddings request.</summary>
    /// <param name="request">The request; <see cref="EmbeddingRequest.Model"/> is sent as the upstream model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">The upstream failed.</exception>
    public async Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("The embeddings request has no 'model'.", nameof(request));
        }
        return await EmbedCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a validated embeddings request over HTTP with the hooks; a provider without HTTP overrides it.</summary>
    /// <param name="request">The request: it has a model.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    protected virtual async Task<EmbeddingResponse> EmbedCoreAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        return await CallAsync(request.Model, "the response", timeout, cancellationToken, async token =>
        {
            using var response = await SendAsync(HttpMethod.Post, GetEmbeddingsEndpoint(request), w => BuildEmbeddingsPayload(w, request), request.Model, token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
            return RunHook(request.Model, response, body, () => ParseEmbeddingsResponse(body, request));
        }).ConfigureAwait(false);
    }

    /// <summary>Lists the models the upstream serves.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">The upstream failed.</exception>
    public Task<ModelList> ListModelsAsync(CancellationToken cancellationToken = default) => ListModelsCoreAsync(cancellationToken);

    /// <summary>Lists the upstream's models over HTTP with the hooks; a provider without HTTP overrides it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    protected virtual async Task<ModelList> ListModelsCoreAsync(CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        return await CallAsync(null, "the response", timeout, cancellationToken, async token =>
        {
            using var response = await SendAsync(HttpMethod.Get, GetModelsEndpoint(), null, null, token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
            return RunHook(null, response, body, () => ParseModelsResponse(body));
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates a request and returns what is sent, with the streaming fields set: a copy, or the request itself when
    /// the caller made it for this call alone (<paramref name="owned"/>).
    /// </summary>
    private ChatCompletionRequest PrepareChatRequest(ChatCompletionRequest request, bool stream, bool owned)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("The chat completion request has no 'model'.", nameof(request));
        }
        if (request.Messages is null || request.Messages.Count == 0)
        {
            throw new ArgumentException("The chat completion request has no 'messages'; at least one is required.", nameof(request));
        }
        var wire = owned ? request : request.Clone();
        wire.Stream = stream ? true : null;
        if (!stream)
        {
            wire.StreamOptions = null;
        }
        else if (wire.StreamOptions is null && Options.RequestStreamUsage)
        {
            wire.StreamOptions = new StreamOptions { IncludeUsage = true };
        }
        return wire;
    }

    /// <summary>Releases the HTTP client when the provider created it.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; override to release a derived provider's own.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name} {{ Id = {Id}, BaseUrl = {Options.BaseUrl.GetLeftPart(UriPartial.Path)} }}";
}
