using ModelMesh.Cdk;

namespace ModelMesh.Discovery;

/// <summary>Turns what an upstream reported into the mesh's model definitions.</summary>
internal static class DiscoveredModels
{
    /// <summary>Ollama's convention: a name without a tag means <c>:latest</c>.</summary>
    private const string LatestTag = ":latest";

    /// <summary>
    /// One model <c>&lt;providerId&gt;.&lt;name&gt;</c> per reported name, except names a kept model of the provider
    /// already serves (configured models are never replaced). Capabilities come from the upstream's report, else from
    /// the catalogue row of the same upstream name, else from <see cref="ModelDiscoveryOptions.Capabilities"/>; context
    /// window, output bound and prices from that catalogue row when there is one; a model that serves nothing the mesh
    /// routes (Ollama reporting only <c>insert</c>) is left out.
    /// </summary>
    public static IReadOnlyList<ModelDefinition> Map(string providerId, IReadOnlyList<DiscoveredModel> found, ModelDiscoveryOptions options,
        IReadOnlyList<ModelDefinition> catalogue, IReadOnlyList<ModelDefinition> kept)
    {
        var result = new List<ModelDefinition>();
        var taken = new HashSet<string>(kept.Select(m => m.Id), StringComparer.Ordinal);
        var served = new HashSet<string>(kept.Where(m => m.ProviderId == providerId).Select(m => m.WireModel), StringComparer.Ordinal);
        foreach (var model in found)
        {
            if (string.IsNullOrWhiteSpace(model.Name) || !served.Add(model.Name))
            {
                continue;
            }
            var id = providerId + "." + model.Name;
            if (!taken.Add(id))
            {
                continue;
            }
            var row = Row(catalogue, model.Name);
            var capabilities = (model.Capabilities ?? row?.Capabilities ?? options.Capabilities)
                .Select(c => Capabilities.TryResolve(c, out var path) ? path : null)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (capabilities.Length == 0)
            {
                continue;
            }
            result.Add(new ModelDefinition
            {
                Id = id,
                ProviderId = providerId,
                UpstreamModel = model.Name,
                Capabilities = capabilities,
                ContextWindow = row?.ContextWindow,
                MaxOutputTokens = row?.MaxOutputTokens,
                Pricing = row?.Pricing,
                Features = model.Features ?? row?.Features,
            });
        }
        return result;
    }

    /// <summary>The catalogue row for an upstream name: the same name, or for <c>name:latest</c> the row of <c>name</c>.</summary>
    private static ModelDefinition? Row(IReadOnlyList<ModelDefinition> catalogue, string name)
    {
        var untagged = name.EndsWith(LatestTag, StringComparison.Ordinal) ? name[..^LatestTag.Length] : null;
        return catalogue.FirstOrDefault(m => string.Equals(m.WireModel, name, StringComparison.Ordinal))
            ?? (untagged is null ? null : catalogue.FirstOrDefault(m => string.Equals(m.WireModel, untagged, StringComparison.Ordinal)));
    }
}
