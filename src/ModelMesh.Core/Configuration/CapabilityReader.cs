namespace ModelMesh.Configuration;

/// <summary>Resolves a capability written in a configuration, with a located "did you mean" when it is unknown.</summary>
internal static class CapabilityReader
{
    internal static string Resolve(ConfigNode node)
    {
        const string Usage = " Use a path such as 'generation.text-generation.chat-completion' or a short name such as 'chat-completion'.";
        var name = node.GetString();
        if (Capabilities.TryResolve(name, out var path))
        {
            return path;
        }
        if (node.IsSensitive)
        {
            // No suggestion: it would tell what the substituted value is close to.
            throw node.Error($"Unknown capability: {node.Quote()}.{Usage}");
        }
        var suggestion = Capabilities.Suggest(name);
        var hint = suggestion is null ? Usage : $" Did you mean '{suggestion}'?";
        throw node.Error($"Unknown capability '{name}'.{hint}");
    }
}
