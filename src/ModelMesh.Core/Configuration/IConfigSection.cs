namespace ModelMesh;

/// <summary>
/// What every section of <see cref="MeshConfiguration"/> keeps: where it was written, and the node it was read
/// from, so a later error (an unknown connector or strategy id) can point at the exact key.
/// </summary>
internal interface IConfigSection
{
    /// <summary>Where the section (or entry) was written; a location with no source when built in code.</summary>
    ConfigLocation Location { get; }

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    ConfigNode? Source { get; }
}

/// <summary>Locating and quoting the keys of an <see cref="IConfigSection"/> for messages.</summary>
internal static class ConfigSections
{
    /// <summary>Where key <paramref name="key"/> of this section was written, or the section's location when it was not.</summary>
    public static ConfigLocation LocationOf(this IConfigSection section, string key) =>
        section.Source is { Kind: ConfigNodeKind.Mapping } source && source.TryGetChild(key, out var child) ? child.Location : section.Location;

    /// <summary>
    /// <paramref name="value"/>, the value of key <paramref name="key"/>, quoted for a message: <c>'value'</c>, or
    /// <c>the value of ${secrets:NAME}</c> when the file wrote a substitution there (see <see cref="ConfigNode.Quote"/>).
    /// </summary>
    /// <param name="section">The section the value was read from.</param>
    /// <param name="key">The key of this section the value was read from.</param>
    /// <param name="value">The value as read (a template's default is quoted as it is).</param>
    public static string Quote(this IConfigSection section, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return section.Source is { Kind: ConfigNodeKind.Mapping } source && source.TryGetChild(key, out var child) && child.Value == value
            ? child.Quote()
            : $"'{ConfigNode.Shorten(value)}'";
    }
}
