using ModelMesh.Cdk;

namespace ModelMesh.Simulation;

/// <summary>
/// The simulated provider: the OpenAI-compatible provider over its own <see cref="SimulatedUpstream"/>, never the
/// shared HTTP client (there is no network to reach). It owns that client and releases it when disposed.
/// </summary>
internal sealed class SimulatedProvider : OpenAICompatibleProvider
{
    private readonly HttpClient _client;

    public SimulatedProvider(ProviderOptions options, SimulatedOptions simulated)
        : this(options, new HttpClient(new SimulatedUpstream(simulated)) { Timeout = Timeout.InfiniteTimeSpan })
    {
    }

    private SimulatedProvider(ProviderOptions options, HttpClient client) : base(options, client) => _client = client;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
        }
        base.Dispose(disposing);
    }
}
