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
public sealed partial class ChatCompletionsClient
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
        CreateCoreAsync(request, null, cancellationToken);

    /// <summary>Sends a chat completion request and returns the whole answer; <paramref name="outcome"/> says which model answered.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability path or alias, or model id.</param>
    /// <param name="outcome">Filled with the pool, the answering model and the attempts made (also when the call fails).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer (see <see cref="AllProvidersExhaustedException.Attempts"/>).</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit; nothing was sent.</exception>
    /// <exception cref="ProviderException">The upstream rejected the request itself (bad request, content filter).</exception>
    public Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default) =>
        outcome is null
            ? Task.FromException<ChatCompletion>(new ArgumentNullException(nameof(outcome)))
            : CreateCoreAsync(request, outcome, cancellationToken);

    /// <summary>
    /// The usual request (no model discovery to wait for, no middleware) is the router's own task: the client adds
    /// no async method around it, and hands the router its lease to release when the call ends.
    /// </summary>
    /// <param name="request">The caller's request.</param>
    /// <param name="outcome">The caller's outcome; null when the caller asked for none (then one is made only for whoever reads it).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    private Task<ChatCompletion> CreateCoreAsync(ChatCompletionRequest request, RoutingOutcome? outcome, CancellationToken cancellationToken)
    {
        ValueTask<MeshRuntime.Lease> acquiring;
        try
        {
            Validate(request);
            acquiring = _mesh.AcquireAsync(request.Model, cancellationToken);
        }
        catch (Exception error)
        {
            return Task.FromException<ChatCompletion>(error);
        }
        return acquiring.IsCompletedSuccessfully
            ? Leased(acquiring.Result, request, outcome, cancellationToken)
            : AfterDiscoveryAsync(acquiring, request, outcome, cancellationToken);
    }

    private async Task<ChatCompletion> AfterDiscoveryAsync(ValueTask<MeshRuntime.Lease> acquiring, ChatCompletionRequest request, RoutingOutcome? outcome, CancellationToken cancellationToken) =>
        await Leased(await acquiring.ConfigureAwait(false), request, outcome, cancellationToken).ConfigureAwait(false);

    /// <summary>Routes the request on the runtime <paramref name="lease"/> holds; the lease is released when the returned task ends.</summary>
    private static Task<ChatCompletion> Leased(MeshRuntime.Lease lease, ChatCompletionRequest request, RoutingOutcome? outcome, CancellationToken cancellationToken)
    {
        var handedOver = false;
        try
        {
            var runtime = lease.Runtime;
            var pool = runtime.ResolvePool(request.Model, MeshOperation.Chat);
            var router = new Router(runtime);
            Task<ChatCompletion> call;
            if (runtime.Services.Middleware.Count == 0)
            {
                // Nobody reads a context or (unless a span is made) an outcome: none is made, the request is checked once.
                var described = RequestDescriber.Chat(pool, request, streaming: false, trace: Traced(outcome, router, pool, request));
                call = router.ExecuteAsync(pool, described, described, Call, Usage, cancellationToken, lease);
            }
            else
            {
                call = WithMiddlewareAsync(lease, runtime, pool, router, request, outcome, cancellationToken);
            }
            handedOver = true;
            return call;
        }
        catch (Exception error)
        {
            return Task.FromException<ChatCompletion>(error);
        }
        finally
        {
            if (!handedOver)
            {
                lease.Dispose();
            }
        }
    }

    private static async Task<ChatCompletion> WithMiddlewareAsync(MeshRuntime.Lease lease, MeshRuntime runtime, RoutingPool pool, Router router, ChatCompletionRequest request, RoutingOutcome? outcome, CancellationToken cancellationToken)
    {
        using var held = lease;
        var middleware = runtime.Services.Middleware;
        outcome ??= new RoutingOutcome();
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var context = new MiddlewareContext { Request = request, PoolId = pool.Id, StartedAt = runtime.Services.Clock.GetUtcNow() };
        ChatCompletion completion;
        try
        {
            foreach (var step in middleware)
            {
                await step.BeforeRequestAsync(context, cancellationToken).ConfigureAwait(false);
            }
            Validate(context.Request);
            var chat = context.Request;
            var routing = RequestDescriber.Chat(pool, chat, streaming: false, trace: outcome);
            completion = await router.ExecuteAsync(pool, routing, routing, Call, Usage, cancellationToken).ConfigureAwait(false);
            context.ModelId = outcome.ModelId;
            context.ProviderId = outcome.ProviderId;
        }
        catch (Exception error) when (error is not OperationCanceledException)
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
    /// The outcome a request without middleware fills: the caller's, else one only when the request's span reads it
    /// (the requested model, the answering one); null when nobody will.
    /// </summary>
    private static RoutingOutcome? Traced(RoutingOutcome? outcome, Router router, RoutingPool pool, ChatCompletionRequest request)
    {
        if (outcome is null && !router.IsObserved)
        {
            return null;
        }
        outcome ??= new RoutingOutcome();
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        return outcome;
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
        new RoutedStream(_mesh, request, null, outcomeRequired: false, cancellationToken);

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
    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default) =>
        new RoutedStream(_mesh, request, outcome, outcomeRequired: true, cancellationToken);

    /// <summary>
    /// A stream with middleware around it, on the runtime <paramref name="lease"/> holds (released when the stream
    /// ends). The request was checked and the pool resolved by <see cref="RoutedStream"/>, which starts this at once.
    /// </summary>
    /// <param name="lease">The runtime's lease, now this stream's to release.</param>
    /// <param name="pool">The pool the request names.</param>
    /// <param name="request">The caller's request.</param>
    /// <param name="outcome">The caller's outcome; null when the caller asked for none.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    private static async IAsyncEnumerable<ChatCompletionChunk> StreamWithMiddlewareAsync(MeshRuntime.Lease lease, RoutingPool pool, ChatCompletionRequest request, RoutingOutcome? outcome, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var held = lease;
        var runtime = lease.Runtime;
        var middleware = runtime.Services.Middleware;
        var router = new Router(runtime);
        outcome ??= new RoutingOutcome();
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var context = new MiddlewareContext { Request = request, PoolId = pool.Id, IsStreaming = true, StartedAt = runtime.Services.Clock.GetUtcNow() };
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
            var chat = context.Request;
            var routing = RequestDescriber.Chat(pool, chat, streaming: true, trace: outcome);
            chunks = router.StreamAsync(pool, routing, chat, delivered, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
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
                catch (Exception error) when (error is not OperationCanceledException)
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

    /// <summary>One attempt: the routed request (its <c>Chat</c>) sent to a member. A method group cached as a static delegate: no closure per request.</summary>
    private static Task<ChatCompletion> Call(Cdk.RoutingRequest routing, PoolMember member, int? outputCap, CancellationToken cancellationToken) =>
        member.Provider.CompleteOwnedAsync(Router.WireRequest(routing.Chat!, member, outputCap), cancellationToken);

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
