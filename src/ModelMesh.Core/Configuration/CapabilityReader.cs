namespace ModelMesh.Configuration;

/// <summary>Resolves a capability written in a configuration, with a located "did you mean" when it is unknown.</summary>
internal static class CapabilityReader
{
    internal static string Resolve(ConfigNode node)
    {
        var name = node.GetString();
        if (Capabilities.TryResolve(name, out var path))
        {
            return path;
        }
        var suggestion = Capabilities.Suggest(name);
        var hint = suggestion is null
            ? " Use a path such as 'generation.text-generation.chat-completion' or a short name such as 'chat-completion'."
            : $" Did you mean '{suggestion}'?";
        throw node.Error($"Unknown capability '{name}'.{hint}");
    }
}
