namespace ModelMesh.AI;

/// <summary>What the mesh's M.E.AI adapters say about themselves.</summary>
public static class MeshMetadata
{
    /// <summary>The provider name in <see cref="Microsoft.Extensions.AI.ChatClientMetadata"/> and <see cref="Microsoft.Extensions.AI.EmbeddingGeneratorMetadata"/>: <c>modelmesh</c>.</summary>
    public const string ProviderName = "modelmesh";
}
