using System.Runtime.CompilerServices;
using ModelMesh.Cdk;
using ModelMesh.Routing;

namespace ModelMesh;

public sealed partial class ChatCompletionsClient
{
    /// <summary>
    /// <see cref="StreamAsync(ChatCompletionRequest, CancellationToken)"/>'s stream. When enumeration starts (the first
    /// <c>MoveNextAsync</c>, as an iterator would) it checks the request, takes the runtime's lease and resolves the
    /// pool; then, without middleware, every call goes straight to the router's enumerator, so the client adds no
    /// async iterator (a state machine per stream and a hop per chunk) around the router's. With middleware it runs
    /// <see cref="StreamWithMiddlewareAsync"/>. The lease is released when the stream ends or is disposed.
    /// </summary>
    private sealed class RoutedStream(MeshClient mesh, ChatCompletionRequest request, RoutingOutcome? outcome, bool outcomeRequired, CancellationToken callToken) : IAsyncEnumerable<ChatCompletionChunk>
    {
        public IAsyncEnumerator<ChatCompletionChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            new Enumerator(mesh, request, outcome, outcomeRequired, callToken, cancellationToken);

        private sealed class Enumerator : IAsyncEnumerator<ChatCompletionChunk>
        {
            private readonly MeshClient _mesh;
            private readonly ChatCompletionRequest _request;
            private readonly RoutingOutcome? _outcome;
            private readonly bool _outcomeRequired;
            private readonly CancellationToken _token;

            /// <summary>Both the call's and the enumeration's token (WithCancellation), as [EnumeratorCancellation] combines them.</summary>
            private readonly CancellationTokenSource? _linked;
            private IAsyncEnumerator<ChatCompletionChunk>? _inner;
            private MeshRuntime.Lease _lease;
            private bool _holdsLease;
            private bool _done;

            public Enumerator(MeshClient mesh, ChatCompletionRequest request, RoutingOutcome? outcome, bool outcomeRequired, CancellationToken callToken, CancellationToken enumerationToken)
            {
                _mesh = mesh;
                _request = request;
                _outcome = outcome;
                _outcomeRequired = outcomeRequired;
                _token = EnumerationToken.Combine(callToken, enumerationToken, out _linked);
            }

            public ChatCompletionChunk Current => _inner is { } inner ? inner.Current : default!;

            public ValueTask<bool> MoveNextAsync()
            {
                if (_inner is { } inner)
                {
                    var next = inner.MoveNextAsync();
                    if (!next.IsCompletedSuccessfully)
                    {
                        return AwaitNextAsync(next);
                    }
                    if (!next.Result)
                    {
                        ReleaseLease(); // the stream is over: the runtime is not held until the caller disposes
                    }
                    return next;
                }
                if (_done)
                {
                    return new ValueTask<bool>(false);
                }
                ValueTask<MeshRuntime.Lease> acquiring;
                try
                {
                    if (_outcomeRequired)
                    {
                        ArgumentNullException.ThrowIfNull(_outcome, "outcome");
                    }
                    Validate(_request);
                    acquiring = _mesh.AcquireAsync(_request.Model, _token);
                }
                catch (Exception e)
                {
                    // As from an async iterator: the failure comes out of the awaited MoveNextAsync, and the stream is over.
                    _done = true;
                    return ValueTask.FromException<bool>(e);
                }
                return acquiring.IsCompletedSuccessfully ? Start(acquiring.Result) : StartAfterDiscoveryAsync(acquiring);
            }

            [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
            private async ValueTask<bool> AwaitNextAsync(ValueTask<bool> next)
            {
                var more = await next.ConfigureAwait(false);
                if (!more)
                {
                    ReleaseLease();
                }
                return more;
            }

            private async ValueTask<bool> StartAfterDiscoveryAsync(ValueTask<MeshRuntime.Lease> acquiring)
            {
                MeshRuntime.Lease lease;
                try
                {
                    lease = await acquiring.ConfigureAwait(false);
                }
                catch
                {
                    _done = true;
                    throw;
                }
                return await Start(lease).ConfigureAwait(false);
            }

            /// <summary>Routes on the runtime <paramref name="lease"/> holds, now this stream's, and asks for the first chunk.</summary>
            private ValueTask<bool> Start(MeshRuntime.Lease lease)
            {
                _lease = lease;
                _holdsLease = true;
                try
                {
                    var runtime = lease.Runtime;
                    var pool = runtime.ResolvePool(_request.Model, MeshOperation.Chat);
                    if (runtime.Services.Middleware.Count > 0)
                    {
                        _holdsLease = false; // the middleware stream releases it
                        _inner = StreamWithMiddlewareAsync(lease, pool, _request, _outcome, _token).GetAsyncEnumerator(_token);
                    }
                    else
                    {
                        // Nobody reads a context or (unless a span is made) an outcome: none is made.
                        var router = new Router(runtime);
                        var routing = RequestDescriber.Chat(pool, _request, streaming: true, trace: Traced(_outcome, router, pool, _request));
                        _inner = router.StreamAsync(pool, routing, _request, new ChatStreamAccumulator(), _token).GetAsyncEnumerator(_token);
                    }
                }
                catch (Exception e)
                {
                    _done = true;
                    ReleaseLease();
                    return ValueTask.FromException<bool>(e);
                }
                return MoveNextAsync();
            }

            private void ReleaseLease()
            {
                if (_holdsLease)
                {
                    _holdsLease = false;
                    _lease.Dispose();
                }
            }

            public async ValueTask DisposeAsync()
            {
                _done = true;
                var inner = _inner;
                _inner = null;
                try
                {
                    if (inner is not null)
                    {
                        await inner.DisposeAsync().ConfigureAwait(false);
                    }
                }
                finally
                {
                    ReleaseLease();
                    _linked?.Dispose();
                }
            }
        }
    }
}
