namespace ModelMesh;

/// <summary>
/// The base of every section of <see cref="MeshConfiguration"/>: where the section was written, and the node it was
/// read from, so a later error (an unknown connector or strategy id) can point at the exact key.
/// </summary>
public abstract class ConfigSection
{
    /// <summary>Where the section (or entry) was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    public ConfigNode? Source { get; init; }

    /// <summary>Where key <paramref name="key"/> of this section was written, or the section's location when it was not.</summary>
    public ConfigLocation LocationOf(string key) =>
        Source is { Kind: ConfigNodeKind.Mapping } source && source.TryGetChild(key, out var child) ? child.Location : Location;

    /// <summary>
    /// <paramref name="value"/>, the value of key <paramref name="key"/>, quoted for a message: <c>'value'</c>, or
    /// <c>the value of ${secrets:NAME}</c> when the file wrote a substitution there (see <see cref="ConfigNode.Quote"/>).
    /// </summary>
    /// <param name="key">The key of this section the value was read from.</param>
    /// <param name="value">The value as read (a template's default is quoted as it is).</param>
    public string Quote(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Source is { Kind: ConfigNodeKind.Mapping } source && source.TryGetChild(key, out var child) && child.Value == value
            ? child.Quote()
            : $"'{ConfigNode.Shorten(value)}'";
    }
}
