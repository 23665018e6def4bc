using ModelMesh.Taxonomy;

namespace ModelMesh;

/// <summary>
/// The capability taxonomy: dotted paths such as <c>generation.text-generation.chat-completion</c>, short
/// names such as <c>chat-completion</c>, and the alternative spellings the reference implementation uses.
/// Models register at leaves; a pool may target any node and gets every leaf below it.
/// </summary>
public static class Capabilities
{
    private static CapabilityIndex Index => CapabilityIndex.Default;

    /// <summary>Resolves a path, short name or alternative spelling (case-insensitive) to its documented path.</summary>
    /// <exception cref="UnknownCapabilityException">The name is not in the taxonomy; the message suggests the nearest valid one.</exception>
    public static string Resolve([CapabilityName] string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        return Index.Resolve(nameOrPath) ?? throw new UnknownCapabilityException(nameOrPath, Index.Suggest(nameOrPath));
    }

    /// <summary>Resolves a name like <see cref="Resolve"/> without throwing.</summary>
    public static bool TryResolve([CapabilityName] string? nameOrPath, out string path)
    {
        path = Index.Resolve(nameOrPath) ?? string.Empty;
        return path.Length > 0;
    }

    /// <summary>The nearest valid path or short name to an unknown one, or null when nothing is close.</summary>
    public static string? Suggest(string unknown)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        return Index.Suggest(unknown);
    }

    /// <summary>Whether the (resolved) capability is a leaf, the level at which models register.</summary>
    public static bool IsLeaf([CapabilityName] string nameOrPath) => Index.IsLeaf(Resolve(nameOrPath));

    /// <summary>The leaf paths at or below a capability, in taxonomy order.</summary>
    public static IReadOnlyList<string> LeavesOf([CapabilityName] string nameOrPath) => Index.LeavesUnder(Resolve(nameOrPath));

    /// <summary>Whether capability <paramref name="leafPath"/> lies at or below <paramref name="nameOrPath"/>.</summary>
    public static bool Covers([CapabilityName] string nameOrPath, [CapabilityName] string leafPath)
    {
        return IsAtOrBelow(Resolve(nameOrPath), Resolve(leafPath));
    }

    /// <summary>Whether resolved path <paramref name="path"/> is <paramref name="ancestor"/> or lies below it.</summary>
    internal static bool IsAtOrBelow(string ancestor, string path) =>
        path.Length == ancestor.Length
            ? string.Equals(path, ancestor, StringComparison.Ordinal)
            : path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == '.';

    /// <summary>Every node of the taxonomy (categories and leaves) with its short names, in taxonomy order.</summary>
    public static IReadOnlyList<CapabilityInfo> List() => Index.Nodes.Select(Describe).ToArray();

    /// <summary>The nodes whose path or any name contains <paramref name="keyword"/> (case-insensitive).</summary>
    public static IReadOnlyList<CapabilityInfo> Search(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return List()
            .Where(c => c.Path.Contains(keyword, StringComparison.OrdinalIgnoreCase)
                || c.Names.Any(n => n.Contains(keyword, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
    }

    /// <summary>The whole taxonomy as a tree; the root has an empty path and the top-level categories as children.</summary>
    public static CapabilityNode Tree() => Build(string.Empty);

    private static CapabilityNode Build(string path) =>
        new(path, path.Length == 0 ? string.Empty : path[(path.LastIndexOf('.') + 1)..], Index.IsLeaf(path),
            Index.ChildrenOf(path).Select(Build).ToArray());

    private static CapabilityInfo Describe(string path) => new(path, Index.IsLeaf(path), Index.NamesOf(path).ToArray());
}

/// <summary>One node of the capability taxonomy.</summary>
/// <param name="Path">The documented dotted path.</param>
/// <param name="IsLeaf">Whether models register here.</param>
/// <param name="Names">Short names and alternative spellings that resolve to this node.</param>
public sealed record CapabilityInfo(string Path, bool IsLeaf, IReadOnlyList<string> Names);

/// <summary>A node of <see cref="Capabilities.Tree"/>.</summary>
/// <param name="Path">The documented dotted path (empty for the root).</param>
/// <param name="Name">The last segment of the path.</param>
/// <param name="IsLeaf">Whether models register here.</param>
/// <param name="Children">The nodes directly below.</param>
public sealed record CapabilityNode(string Path, string Name, bool IsLeaf, IReadOnlyList<CapabilityNode> Children);
