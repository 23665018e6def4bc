using System.Runtime.CompilerServices;
using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>The mesh's chat namespace (<c>client.Chat.Completions</c>), shaped like OpenAI's.</summary>
public sealed class ChatClient
{
    internal ChatClient(MeshClient mesh) => Completions = new ChatCompletionsClient(mesh);

    /// <summary>Chat completions.</summary>
    public ChatCompletionsClient Completions { get; }
}

/// <summary>
/// Chat completions through the mesh: the request's <c>model</c> names a pool, capability or model; the mesh
/// picks the model, fails over, and records usage. Middleware runs around both calls.
/// </summary>
public sealed class ChatCompletionsClient
{
    private readonly MeshClient _mesh;

    internal ChatCompletionsClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>Sends a chat completion request and returns the whole answer.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability path or alias, or model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer (see <see cref="AllProvidersExhaustedException.Attempts"/>).</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit; nothing was sent.</exception>
    /// <exception cref="ProviderException">The upstream rejected the request itself (bad request, content filter).</exception>
    public Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, new RoutingOutcome(), cancellationToken);

    /// <summary>Sends a chat completion request and returns the whole answer; <paramref name="outcome"/> says which model answered.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability path or alias, or model id.</param>
    /// <param name="outcome">Filled with the pool, the answering model and the attempts made (also when the call fails).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer (see <see cref="AllProvidersExhaustedException.Attempts"/>).</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit; nothing was sent.</exception>
    /// <exception cref="ProviderException">The upstream rejected the request itself (bad request, content filter).</exception>
    public async Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Validate(request);
        using var lease = await _mesh.AcquireAsync(request.Model, cancellationToken).ConfigureAwait(false);
        var runtime = lease.Runtime;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Chat);
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var context = new MiddlewareContext { Request = request, PoolId = pool.Id, StartedAt = runtime.Services.Clock.GetUtcNow() };
        var middleware = runtime.Services.Middleware;
        ChatCompletion completion;
        try
        {
            foreach (var step in middleware)
            {
                await step.BeforeRequestAsync(context, cancellationToken).ConfigureAwait(false);
            }
            Validate(context.Request);
            var routing = RequestDescriber.Chat(pool, context.Request, streaming: false, trace: outcome);
            var chat = context.Request;
            completion = await new Router(runtime).ExecuteAsync(pool, routing,
                (member, outputCap, token) => member.Provider.CompleteAsync(Router.WireRequest(chat, member, outputCap), token),
                c => Usage(routing, c), cancellationToken).ConfigureAwait(false);
            context.ModelId = outcome.ModelId;
            context.ProviderId = outcome.ProviderId;
        }
        catch (Exception error) when (error is not OperationCanceledException && middleware.Count > 0)
        {
            if (await FallbackAsync(middleware, context, error, cancellationToken).ConfigureAwait(false) is { } fallback)
            {
                return fallback;
            }
            throw;
        }
        context.Response = completion;
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            await middleware[i].AfterResponseAsync(context, cancellationToken).ConfigureAwait(false);
        }
        return context.Response;
    }

    /// <summary>
    /// Sends a chat completion request and yields chunks as they arrive. Before the first content the mesh may
    /// fail over invisibly; after it, a failure ends the stream with <see cref="StreamInterruptedException"/>.
    /// </summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability path or alias, or model id.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <exception cref="StreamInterruptedException">The stream failed after content was delivered; carries the partial text.</exception>
    /// <exception cref="RoutingException">No model could start the stream.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit; nothing was sent.</exception>
    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync(request, new RoutingOutcome(), cancellationToken);

    /// <summary>
    /// Streams a chat completion like <see cref="StreamAsync(ChatCompletionRequest, CancellationToken)"/>;
    /// <paramref name="outcome"/> names the model the stream committed to from the moment the first chunk is yielded.
    /// </summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability path or alias, or model id.</param>
    /// <param name="outcome">Filled with the pool, the model the stream committed to and the attempts made (also when it fails).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <exception cref="StreamInterruptedException">The stream failed after content was delivered; carries the partial text.</exception>
    /// <exception cref="RoutingException">No model could start the stream.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit; nothing was sent.</exception>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, RoutingOutcome outcome, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Validate(request);
        using var lease = await _mesh.AcquireAsync(request.Model, cancellationToken).ConfigureAwait(false);
        var runtime = lease.Runtime;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Chat);
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var context = new MiddlewareContext { Request = request, PoolId = pool.Id, IsStreaming = true, StartedAt = runtime.Services.Clock.GetUtcNow() };
        var middleware = runtime.Services.Middleware;
        var delivered = new ChatStreamAccumulator();
        IAsyncEnumerator<ChatCompletionChunk>? chunks = null;
        ChatCompletion? fallback = null;
        try
        {
            foreach (var step in middleware)
            {
                await step.BeforeRequestAsync(context, cancellationToken).ConfigureAwait(false);
            }
            Validate(context.Request);
            var routing = RequestDescriber.Chat(pool, context.Request, streaming: true, trace: outcome);
            chunks = new Router(runtime).StreamAsync(pool, routing, context.Request, delivered, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException && middleware.Count > 0)
        {
            fallback = await FallbackAsync(middleware, context, error, cancellationToken).ConfigureAwait(false);
            if (fallback is null)
            {
                throw;
            }
        }
        if (fallback is not null || chunks is null)
        {
            yield return ChatCompletionChunk.FromCompletion(fallback!);
            yield break;
        }
        await using (chunks.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException && middleware.Count > 0)
                {
                    // Every OnError hook hears of the failure, but a fallback may answer only while nothing has
                    // been delivered; otherwise the caller would get the start of one answer and the rest of another.
                    var offered = await FallbackAsync(middleware, context, error, cancellationToken).ConfigureAwait(false);
                    if (offered is null || delivered.HasContent)
                    {
                        throw;
                    }
                    fallback = offered;
                    break;
                }
                yield return chunks.Current;
            }
        }
        if (fallback is not null)
        {
            yield return ChatCompletionChunk.FromCompletion(fallback);
            yield break;
        }
        if (middleware.Count == 0)
        {
            yield break; // nobody reads the assembled answer
        }
        context.ModelId = outcome.ModelId;
        context.ProviderId = outcome.ProviderId;
        context.Response = delivered.ToCompletion();
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            await middleware[i].AfterResponseAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<ChatCompletion?> FallbackAsync(IReadOnlyList<MeshMiddleware> middleware, MiddlewareContext context, Exception error, CancellationToken cancellationToken)
    {
        ChatCompletion? fallback = null;
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            fallback ??= await middleware[i].OnErrorAsync(context, error, cancellationToken).ConfigureAwait(false);
        }
        context.Response = fallback;
        return fallback;
    }

    private static Router.CallUsage Usage(Cdk.RoutingRequest routing, ChatCompletion completion) =>
        completion.Usage is { } usage
            ? new Router.CallUsage(usage.PromptTokens, usage.CompletionTokens, usage.Cost) { ResponseModel = completion.Model }
            : new Router.CallUsage(routing.EstimatedPromptTokens, TokenEstimator.FromCharacters(completion.Choices.Sum(c => c.Message.Text?.Length ?? 0))) { ResponseModel = completion.Model };

    private static void Validate(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
    }
}
