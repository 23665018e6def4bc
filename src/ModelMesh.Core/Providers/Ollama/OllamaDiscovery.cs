using ModelMesh.Cdk;

namespace ModelMesh.Providers.Ollama;

/// <summary>What Ollama's <c>/api/show</c> capabilities mean to the mesh.</summary>
internal static class OllamaDiscovery
{
    /// <summary>At most this many models are asked <c>/api/show</c> per discovery; the rest keep unknown capabilities.</summary>
    public const int MaxShown = 50;

    /// <summary>How many <c>/api/show</c> calls run at once.</summary>
    public const int Parallelism = 4;

    /// <summary>
    /// The model as <c>/api/show</c> describes it: <c>completion</c> serves chat, <c>embedding</c> embeddings;
    /// <c>tools</c> and <c>vision</c> are features. Null capabilities (an Ollama that does not report them) stay unknown.
    /// </summary>
    public static DiscoveredModel Describe(string name, IReadOnlyList<string>? capabilities)
    {
        if (capabilities is null)
        {
            return new DiscoveredModel(name);
        }
        var served = new List<string>();
        var features = ModelFeatures.None;
        foreach (var capability in capabilities)
        {
            switch (capability)
            {
                case "completion":
                    served.Add("chat-completion");
                    features |= OllamaModels.Text;
                    break;
                case "embedding":
                    served.Add("text-embeddings");
                    break;
                case "tools":
                    features |= ModelFeatures.Tools;
                    break;
                case "vision":
                    features |= ModelFeatures.Vision;
                    break;
            }
        }
        return new DiscoveredModel(name) { Capabilities = served, Features = served.Contains("chat-completion") ? features : null };
    }
}
