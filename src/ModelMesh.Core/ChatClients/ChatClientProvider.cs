using System.Runtime.CompilerServices;
using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Routing;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.ChatClients;

/// <summary>
/// A provider of the mesh over any Microsoft.Extensions.AI <see cref="Meai.IChatClient"/> (OllamaSharp, an
/// <c>OpenAIClient(...).AsIChatClient()</c>, Azure AI Inference, Anthropic's SDK, a pipeline of middleware), so the
/// mesh's health, cooldowns, strategies, budgets and streaming contract apply to it as to a native provider. Each
/// request is sent with <see cref="Meai.ChatOptions.ModelId"/> set to the model's upstream name. Chat only:
/// embeddings and audio throw <see cref="NotSupportedException"/>.
/// </summary>
/// <remarks>
/// The client's exceptions become classified <see cref="ProviderException"/>s, so failover and cooldown work: the
/// classifier given first (for a client's own exception types, such as the OpenAI SDK's
/// <c>ClientResultException</c>), then by type: an <see cref="HttpRequestException"/>'s status (401/403
/// authentication, 429 rate limit, 5xx server, other 4xx client), <see cref="TimeoutException"/> and a
/// cancellation the caller did not ask for (timeout), <see cref="IOException"/> and a status-less
/// <see cref="HttpRequestException"/> (network), wrapped ones included; anything else is Unknown and not
/// retryable. The caller's cancellation passes through as an <see cref="OperationCanceledException"/>. An
/// <see cref="Meai.ErrorContent"/> in a response is an error the upstream reported in-band. The client is not
/// disposed with the provider: it belongs to whoever created it.
/// </remarks>
public sealed class ChatClientProvider : BaseProvider
{
    /// <summary>The base URL of a client that does not say where it sends (<c>.invalid</c> never resolves).</summary>
    private static readonly Uri NoEndpoint = new("http://chat-client.invalid/");

    private readonly Meai.IChatClient _client;
    private readonly Func<Exception, ErrorClassification?>? _classify;
    private readonly string[] _models;

    /// <summary>Creates the provider with default timeouts (<see cref="ProviderOptions"/>'s).</summary>
    /// <param name="id">The provider instance id (the prefix of its mesh model ids).</param>
    /// <param name="client">The client that answers.</param>
    /// <param name="models">The upstream model names it serves (what <see cref="BaseProvider.ListModelsAsync"/> lists).</param>
    /// <param name="classify">
    /// Classifies the client's own exception types (null: not one it knows, then the built-in rules apply).
    /// </param>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    public ChatClientProvider(string id, Meai.IChatClient client, IEnumerable<string>? models = null, Func<Exception, ErrorClassification?>? classify = null)
        : this(new ProviderOptions(id, EndpointOf(client)), client, models, classify)
    {
    }

    /// <summary>
    /// Creates the provider with options: <see cref="ProviderOptions.RequestTimeout"/> bounds the wait for a whole
    /// response or a stream's first update, <see cref="ProviderOptions.StreamIdleTimeout"/> the silence between
    /// updates, and <see cref="ProviderOptions.TimeProvider"/> dates responses without a time. Its HTTP settings are unused.
    /// </summary>
    /// <inheritdoc cref="ChatClientProvider(string, Meai.IChatClient, IEnumerable{string}?, Func{Exception, ErrorClassification?}?)"/>
    public ChatClientProvider(ProviderOptions options, Meai.IChatClient client, IEnumerable<string>? models = null, Func<Exception, ErrorClassification?>? classify = null)
        : base(options, SharedUnusedHttp)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _classify = classify;
        _models = models?.ToArray() ?? [];
    }

    /// <summary>Never sent with: passed so the base creates no client of its own per provider.</summary>
    private static HttpClient SharedUnusedHttp { get; } = new();

    /// <summary>The client that answers.</summary>
    public Meai.IChatClient Client => _client;

    private static Uri EndpointOf(Meai.IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var uri = (client.GetService(typeof(Meai.ChatClientMetadata)) as Meai.ChatClientMetadata)?.ProviderUri;
        return uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : NoEndpoint;
    }

    /// <inheritdoc/>
    protected override async Task<ChatCompletion> CompleteCoreAsync(ChatCompletionRequest wire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var messages = ChatRequestMapping.ToMessages(wire);
        var options = ChatRequestMapping.ToOptions(wire);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        Meai.ChatResponse response;
        try
        {
            response = await _client.GetResponseAsync(messages, options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, wire.Model, "answer", Options.RequestTimeout, cancellationToken) is { } translated)
        {
            throw translated;
        }
        if (response.Messages.SelectMany(m => m.Contents).OfType<Meai.ErrorContent>().FirstOrDefault() is { } error)
        {
            throw InBand(wire.Model, error);
        }
        return ChatResponseMapping.ToCompletion(response, wire.Model, Options.TimeProvider);
    }

    /// <inheritdoc/>
    protected override async IAsyncEnumerable<ChatCompletionChunk> StreamCoreAsync(ChatCompletionRequest wire, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var messages = ChatRequestMapping.ToMessages(wire);
        var options = ChatRequestMapping.ToOptions(wire);
        var chunks = new ChatChunkMapping(wire.Model, Options.TimeProvider);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        var limit = Options.RequestTimeout;
        var waitingFor = "first update";
        // After the first update the silence between updates is watched by an idle timer that is touched per update,
        // not by re-arming the source's timer (the timer queue's lock) on every one.
        IdleTimer? idle = null;
        var first = true;
        var updates = _client.GetStreamingResponseAsync(messages, options, timeout.Token).GetAsyncEnumerator(timeout.Token);
        try
        {
            await using var disposeUpdates = updates.ConfigureAwait(false);
            while (true)
            {
                bool more;
                try
                {
                    more = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (Translate(e, wire.Model, waitingFor, limit, cancellationToken) is { } translated)
                {
                    throw translated;
                }
                if (!more)
                {
                    yield break;
                }
                var update = updates.Current;
                var chunk = chunks.ToChunk(update);
                if (chunk is not null)
                {
                    yield return chunk;
                }
                if (FirstError(update.Contents) is { } error)
                {
                    throw InBand(wire.Model, error);
                }
                if (idle is not null)
                {
                    idle.Touch();
                }
                else if (first)
                {
                    first = false;
                    // Silence longer than the idle timeout from here on is a stalled stream.
                    limit = Options.StreamIdleTimeout;
                    waitingFor = "update";
                    timeout.CancelAfter(Timeout.InfiniteTimeSpan);
                    idle = IdleTimer.Start(timeout, limit);
                }
            }
        }
        finally
        {
            idle?.Dispose();
        }
    }

    /// <summary>
    /// The exception a client's failure surfaces as: a cancellation while the caller's token is cancelled stays a
    /// cancellation (whatever the client threw); any other failure becomes a classified <see cref="ProviderException"/>.
    /// </summary>
    private Exception? Translate(Exception e, string model, string waitingFor, TimeSpan limit, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            // The router tells its own attempt timers from the caller's cancellation; neither is this client's failure.
            return e is OperationCanceledException ? null : new OperationCanceledException("The call was cancelled.", e, callerToken);
        }
        switch (e)
        {
            case ProviderException:
                return null;
            case OperationCanceledException:
                // Not the caller's: this provider's timer or the client's own timeout.
                var timedOut = new TimeoutException($"No {waitingFor} from the chat client within {limit.TotalSeconds:0.###} s.", e);
                return CreateException(model, new ProviderError(null, null, default, timedOut, inBand: false));
            default:
                return CreateException(model, new ProviderError(ChatClientFailures.StatusOf(e), null, default, e, inBand: false));
        }
    }

    private ProviderException InBand(string model, Meai.ErrorContent error)
    {
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", error.Message);
            if (error.ErrorCode is { } code)
            {
                writer.WriteString("code", code);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return CreateException(model, new ProviderError(null, null, body.WrittenMemory.ToArray(), null, inBand: true));
    }

    /// <summary>The given classifier first for a client's exception, then the built-in rules (see the remarks on the type).</summary>
    protected override ErrorClassification ClassifyError(ProviderError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Exception is { } e && _classify?.Invoke(e) is { } custom)
        {
            return custom;
        }
        return ChatClientFailures.Classify(error, Options.TimeProvider.GetUtcNow());
    }

    /// <summary>The models given at creation; nothing is asked of the client.</summary>
    protected override Task<ModelList> ListModelsCoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ModelList { Data = [.. _models.Select(m => new ModelListEntry { Id = m })] });

    /// <inheritdoc/>
    protected override Task<EmbeddingResponse> EmbedCoreAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        throw NotServed("embeddings");

    /// <inheritdoc/>
    protected override Task<SpeechResult> SpeechCoreAsync(SpeechRequest request, CancellationToken cancellationToken) =>
        throw NotServed("speech");

    /// <inheritdoc/>
    protected override Task<TranscriptionResponse> TranscribeCoreAsync(TranscriptionRequest request, CancellationToken cancellationToken) =>
        throw NotServed("transcription");

    /// <inheritdoc/>
    protected override Task<RerankResponse> RerankCoreAsync(RerankRequest request, CancellationToken cancellationToken) =>
        throw NotServed("reranking");

    /// <inheritdoc/>
    protected override Task<SearchResponse> SearchCoreAsync(SearchRequest request, CancellationToken cancellationToken) =>
        throw NotServed("web search");

    /// <inheritdoc/>
    protected override Task<ScrapeResponse> ScrapeCoreAsync(ScrapeRequest request, CancellationToken cancellationToken) =>
        throw NotServed("scraping");

    private NotSupportedException NotServed(string operation) =>
        new($"Provider '{Id}' is an IChatClient, which serves chat completions only, not {operation}.");

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(ChatClientProvider)} {{ Id = {Id}, Client = {_client.GetType().Name} }}";

    /// <summary>An update's first error content, found with an indexed loop: this runs for every update of a stream.</summary>
    private static Meai.ErrorContent? FirstError(IList<Meai.AIContent> contents)
    {
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is Meai.ErrorContent error)
            {
                return error;
            }
        }
        return null;
    }
}
