using ModelMesh.Cdk;
using ModelMesh.Routing;

namespace ModelMesh.Discovery;

/// <summary>
/// One provider's model discovery: at most one run in flight, shared by every request that waits for it; a run has
/// its own timeout and never the token of a caller, so a caller that gives up stops waiting without stopping it.
/// A failed run is retried no sooner than the cooldown.
/// </summary>
internal sealed class ProviderDiscovery
{
    private readonly object _gate = new();
    private Task? _running;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private volatile bool _succeeded;
    private volatile string? _failure;

    /// <param name="provider">The provider asked.</param>
    /// <param name="options">Timeout, cooldown and default capabilities.</param>
    /// <param name="catalogue">The connector's catalogue under the provider's id, for the metadata of matching names.</param>
    /// <param name="fallback">The models served until a discovery succeeds (the catalogue), which it replaces.</param>
    public ProviderDiscovery(BaseProvider provider, ModelDiscoveryOptions options, IReadOnlyList<ModelDefinition> catalogue, IReadOnlyCollection<string> fallback)
    {
        Provider = provider;
        Options = options;
        Catalogue = catalogue;
        Replaces = fallback;
    }

    public BaseProvider Provider { get; }

    public string ProviderId => Provider.Id;

    public ModelDiscoveryOptions Options { get; }

    public IReadOnlyList<ModelDefinition> Catalogue { get; }

    /// <summary>The ids a successful run replaces: the fallback, then what the last run discovered. Changed only under the client's swap lock.</summary>
    public IReadOnlyCollection<string> Replaces { get; set; }

    /// <summary>Whether a run has succeeded (its models are in the runtime).</summary>
    public bool Succeeded => _succeeded;

    /// <summary>Why the last run failed (redacted), or null.</summary>
    public string? Failure => _failure;

    /// <summary>Marks a run's models as applied (under the client's swap lock).</summary>
    public void MarkSucceeded()
    {
        _succeeded = true;
        _failure = null;
    }

    /// <summary>Whether a request should wait for this provider now: never succeeded, and a run is in flight or the cooldown is over.</summary>
    public bool IsDue(DateTimeOffset now)
    {
        if (_succeeded)
        {
            return false;
        }
        lock (_gate)
        {
            return _running is not null || now >= _retryAt;
        }
    }

    /// <summary>Starts a run, or joins the one in flight. The task never faults: a failure is logged and remembered.</summary>
    /// <param name="apply">Puts the discovered models into service; false when the mesh moved on (reloaded, disposed).</param>
    /// <param name="services">The clock and logger.</param>
    public Task RunAsync(Func<ProviderDiscovery, IReadOnlyList<DiscoveredModel>, bool> apply, MeshServices services)
    {
        lock (_gate)
        {
            // From the thread pool, so no caller's context (or lock) is captured by the shared run.
            return _running ??= Task.Run(() => DiscoverAsync(apply, services));
        }
    }

    private async Task DiscoverAsync(Func<ProviderDiscovery, IReadOnlyList<DiscoveredModel>, bool> apply, MeshServices services)
    {
        try
        {
            IReadOnlyList<DiscoveredModel> found;
            using (var timeout = new CancellationTokenSource(Options.Timeout, services.Clock))
            {
                try
                {
                    found = await Provider.DiscoverModelsAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    Failed(services, ProviderErrorCategory.Timeout, $"no answer within {Seconds(Options.Timeout)}");
                    return;
                }
                catch (ProviderException error)
                {
                    Failed(services, error.Category, error.Message);
                    return;
                }
            }
            if (apply(this, found))
            {
                MeshLog.ModelsDiscovered(services.Logger, ProviderId, Replaces.Count);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Not the upstream's answer (a disposed provider, a bug): remembered as the failure, never thrown at a request.
            Failed(services, null, error.GetType().Name);
        }
        finally
        {
            lock (_gate)
            {
                _running = null;
            }
        }
    }

    private void Failed(MeshServices services, ProviderErrorCategory? category, string why)
    {
        var retryAt = Timers.Add(services.Clock.GetUtcNow(), Options.Cooldown);
        lock (_gate)
        {
            _retryAt = retryAt;
        }
        _failure = why;
        MeshLog.DiscoveryFailed(services.Logger, ProviderId, category, retryAt, why);
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
