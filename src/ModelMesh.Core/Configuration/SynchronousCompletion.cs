using ModelMesh.Cdk;

namespace ModelMesh.Configuration;

/// <summary>
/// How the synchronous entry points (<c>Mesh.FromConfig</c>, <c>MeshConfiguration.Load</c>,
/// <see cref="BaseSecretStore.TryResolve"/>, …) run the asynchronous pipeline without ever blocking on it: the
/// work must complete synchronously, as it does with the built-in secret stores. When it does not (a store backed
/// by a network service), the work is cancelled and the caller is told which asynchronous entry point to use;
/// waiting for it could deadlock a caller with a synchronization context and holds a thread while it waits.
/// </summary>
internal static class SynchronousCompletion
{
    /// <summary>The result of <paramref name="start"/>, which must complete before it returns.</summary>
    /// <param name="start">Starts the work with a token that is cancelled if it does not complete synchronously.</param>
    /// <param name="entryPoint">The synchronous entry point, for the message (<c>Mesh.FromConfig</c>).</param>
    /// <param name="asyncEntryPoint">The one to use instead (<c>Mesh.FromConfigAsync</c>).</param>
    /// <param name="store">The secret store that can complete asynchronously; null when it is not known.</param>
    /// <exception cref="InvalidOperationException">The work did not complete synchronously.</exception>
    public static T Run<T>(Func<CancellationToken, ValueTask<T>> start, string entryPoint, string asyncEntryPoint, BaseSecretStore? store)
    {
        using var abandon = new CancellationTokenSource();
        var pending = start(abandon.Token);
        if (pending.IsCompleted)
        {
            return pending.GetAwaiter().GetResult();
        }
        abandon.Cancel();
        // Its outcome is dropped; observing it keeps a late failure from surfacing as an unobserved task exception.
        _ = pending.AsTask().ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var who = store is null ? "The secret store" : $"Secret store '{store.ConnectorId}' ({store.GetType().Name})";
        throw new InvalidOperationException(
            $"{who} completes its lookups asynchronously, and {entryPoint} never blocks waiting for one. Use {asyncEntryPoint} instead.");
    }
}
