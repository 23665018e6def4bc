using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Secrets;

/// <summary>
/// A store whose every lookup completes asynchronously (as a network-backed vault does): it yields first, then
/// waits at a gate the test can close (<see cref="Hold"/>) and open (<see cref="Release"/>). Nothing is cached,
/// so every load really goes to the store.
/// </summary>
internal sealed class AsynchronousSecretStore(IReadOnlyDictionary<string, string> values) : BaseSecretStore(new SecretStoreOptions { CacheEnabled = false })
{
    private TaskCompletionSource _gate = Open();
    private int _lookups;

    public override string ConnectorId => "test.asynchronous.v1";

    /// <summary>Lookups that reached the gate.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Released once for each lookup that is waiting at a closed gate.</summary>
    public SemaphoreSlim Waiting { get; } = new(0);

    /// <summary>Makes the following lookups wait until <see cref="Release"/>.</summary>
    public void Hold() => Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets every waiting and later lookup through.</summary>
    public void Release() => Volatile.Read(ref _gate).TrySetResult();

    protected override async ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Interlocked.Increment(ref _lookups);
        var gate = Volatile.Read(ref _gate).Task;
        if (!gate.IsCompleted)
        {
            Waiting.Release();
        }
        await gate.WaitAsync(cancellationToken);
        return values.TryGetValue(name, out var value) ? value : null;
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }
}
