using Microsoft.Extensions.Hosting;
using ModelMesh;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Runs the registered mesh's background work with the host's lifetime: the mesh is built when the host starts (so
/// configuration watching and reloads begin with the application, not at its first request), and when the host
/// stops, reloads stop before anything else is torn down, while requests still in flight finish. The container
/// disposes the mesh afterwards. Model discovery (<see cref="ModelsClient.RefreshAsync"/>) runs at start; health probes and state persistence join this service as their connectors arrive.
/// </summary>
internal sealed class MeshHostedService(IServiceProvider services) : IHostedService
{
    private MeshClient? _mesh;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _mesh = services.GetRequiredService<MeshClient>();
        // Providers that discover their models do it now, each within its discovery timeout, so the first requests do
        // not wait for it; a discovery that fails is logged and retried later, never a start-up failure.
        return _mesh.Models.RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // A reload in progress is cancelled and awaited; it never outlives the host (ReloadQueue.Dispose).
        _mesh?.StopBackgroundWork();
        return Task.CompletedTask;
    }
}
