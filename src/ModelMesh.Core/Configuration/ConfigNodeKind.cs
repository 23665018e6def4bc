namespace ModelMesh;

/// <summary>The shape of a <see cref="ConfigNode"/>.</summary>
internal enum ConfigNodeKind
{
    /// <summary>No value: an empty YAML value, <c>~</c> or <c>null</c>, or an empty <c>IConfiguration</c> entry.</summary>
    Null,

    /// <summary>A single value (text; typed accessors convert it).</summary>
    Scalar,

    /// <summary>An ordered list of nodes.</summary>
    Sequence,

    /// <summary>Keys (ordinal, in file order) mapped to nodes.</summary>
    Mapping,
}
