namespace ModelMesh.Cdk;

/// <summary>
/// The connectors that are not a vendor's: the generic OpenAI-compatible one (any base URL), the simulated provider
/// that needs no upstream at all, and chat clients from DI. Each vendor's connector is a CDK class in
/// <c>Providers/&lt;Vendor&gt;</c> that registers itself (its generated module initializer).
/// </summary>
internal static class BuiltInConnectors
{
    public static IReadOnlyList<ProviderConnector> All { get; } =
    [
        new()
        {
            Id = OpenAICompatibleProvider.ConnectorId, Vendor = OpenAICompatibleProvider.ConnectorId, RequiresApiKey = false,
            Create = (o, h) => new OpenAICompatibleProvider(o, h),
        },
        Simulation.SimulatedConnector.Connector,
        ChatClients.ChatClientConnector.Connector,
    ];
}
