namespace ModelMesh.Routing;

/// <summary>Which model finally answered a routed request.</summary>
internal sealed class RoutingTrace
{
    public string? ModelId { get; private set; }

    public string? ProviderId { get; private set; }

    public void Answered(PoolMember member)
    {
        ModelId = member.Model.Id;
        ProviderId = member.Model.ProviderId;
    }
}
