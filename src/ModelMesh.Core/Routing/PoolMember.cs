using ModelMesh.Cdk;

namespace ModelMesh.Routing;

/// <summary>A model in a pool with the provider that serves it and its shared health.</summary>
internal sealed record PoolMember(ModelDefinition Model, BaseProvider Provider, ModelHealth Health);
