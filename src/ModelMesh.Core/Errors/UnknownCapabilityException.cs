namespace ModelMesh;

/// <summary>A capability path or short name is not in the taxonomy.</summary>
public sealed class UnknownCapabilityException : ModelMeshException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">The unknown name as given.</param>
    /// <param name="suggestion">The nearest valid path or short name, if any is close.</param>
    public UnknownCapabilityException(string name, string? suggestion)
        : base(suggestion is null
            ? $"Unknown capability '{name}'. Use a path such as 'generation.text-generation.chat-completion' or a short name such as 'chat-completion'; Capabilities.List() shows them all."
            : $"Unknown capability '{name}'. Did you mean '{suggestion}'?")
    {
        Name = name;
        Suggestion = suggestion;
    }

    /// <summary>The unknown name as given.</summary>
    public string Name { get; }

    /// <summary>The nearest valid path or short name, if any is close.</summary>
    public string? Suggestion { get; }
}
