namespace ModelMesh.Cdk;

public abstract partial class BaseProvider
{
    /// <summary>
    /// <see cref="StreamAsync"/>'s stream: the request is validated when enumeration starts (on the first
    /// <c>MoveNextAsync</c>, as an iterator would), then every call goes straight to <see cref="StreamCoreAsync"/>'s
    /// enumerator. An async iterator around it would add a second state machine to every chunk.
    /// </summary>
    private sealed class PreparedStream(BaseProvider provider, ChatCompletionRequest request, bool owned, CancellationToken callToken) : IAsyncEnumerable<ChatCompletionChunk>
    {
        public IAsyncEnumerator<ChatCompletionChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            new Enumerator(provider, request, owned, callToken, cancellationToken);

        private sealed class Enumerator : IAsyncEnumerator<ChatCompletionChunk>
        {
            private readonly BaseProvider _provider;
            private readonly ChatCompletionRequest _request;
            private readonly bool _owned;
            private readonly CancellationToken _token;

            /// <summary>Both the call's and the enumeration's token (WithCancellation), as [EnumeratorCancellation] combines them.</summary>
            private readonly CancellationTokenSource? _linked;
            private IAsyncEnumerator<ChatCompletionChunk>? _inner;
            private bool _done;

            public Enumerator(BaseProvider provider, ChatCompletionRequest request, bool owned, CancellationToken callToken, CancellationToken enumerationToken)
            {
                _provider = provider;
                _request = request;
                _owned = owned;
                _token = EnumerationToken.Combine(callToken, enumerationToken, out _linked);
            }

            public ChatCompletionChunk Current => _inner is { } inner ? inner.Current : default!;

            public ValueTask<bool> MoveNextAsync()
            {
                if (_inner is { } inner)
                {
                    return inner.MoveNextAsync();
                }
                if (_done)
                {
                    return new ValueTask<bool>(false);
                }
                try
                {
                    // Validated when enumeration starts, as before: an iterator runs nothing until then.
                    var wire = _provider.PrepareChatRequest(_request, stream: true, _owned);
                    _inner = _provider.StreamCoreAsync(wire, _token).GetAsyncEnumerator(_token);
                }
                catch (Exception e)
                {
                    // As from an async iterator: the failure comes out of the awaited MoveNextAsync, and the stream is over.
                    _done = true;
                    return ValueTask.FromException<bool>(e);
                }
                return _inner.MoveNextAsync();
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
                    _linked?.Dispose();
                }
            }
        }
    }
}
