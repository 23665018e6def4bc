// <summary>
// Lookup structures over CapabilityData: every accepted spelling to its documented path, the
// children of each node, and "did you mean" suggestions. Linked into ModelMesh.Analyzers with
// CapabilityData.cs so compile-time and run-time resolution are the same code.
// </summary>
using System;
using System.Collections.Generic;

namespace ModelMesh.Taxonomy
{
    internal sealed class CapabilityIndex
    {
        private static CapabilityIndex? s_default;

        /// <summary>The index over the built-in taxonomy.</summary>
        internal static CapabilityIndex Default => s_default ??= new CapabilityIndex();

        private readonly Dictionary<string, string> _spellings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<string>> _children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly HashSet<string> _leaves = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _nodes = new List<string>();
        private readonly Dictionary<string, List<string>> _namesByPath = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        private CapabilityIndex()
        {
            _children[""] = new List<string>();
            foreach (var leaf in CapabilityData.Leaves)
            {
                _leaves.Add(leaf);
                var parent = "";
                var start = 0;
                while (true)
                {
                    var dot = leaf.IndexOf('.', start);
                    var path = dot < 0 ? leaf : leaf.Substring(0, dot);
                    if (!_children.ContainsKey(path))
                    {
                        _children[path] = new List<string>();
                        _children[parent].Add(path);
                        _nodes.Add(path);
                        _spellings[path] = path;
                        _namesByPath[path] = new List<string>();
                    }
                    if (dot < 0)
                    {
                        break;
                    }
                    parent = path;
                    start = dot + 1;
                }
            }

            // Every node's last segment is a short name; the taxonomy keeps them unique.
            foreach (var path in _nodes)
            {
                AddName(LastSegment(path), path);
            }
            foreach (var pair in CapabilityData.ExtraShortNames)
            {
                AddName(pair[0], pair[1]);
            }
            foreach (var pair in CapabilityData.PathAliases)
            {
                AddName(pair[0], pair[1]);
            }
        }

        private void AddName(string name, string path)
        {
            if (_spellings.TryGetValue(name, out var existing) && !string.Equals(existing, path, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Capability name '" + name + "' is ambiguous: '" + existing + "' and '" + path + "'.");
            }
            _spellings[name] = path;
            _namesByPath[path].Add(name);
        }

        /// <summary>All nodes (categories and leaves) in taxonomy order.</summary>
        internal IReadOnlyList<string> Nodes => _nodes;

        /// <summary>Whether <paramref name="path"/> is a documented leaf path.</summary>
        internal bool IsLeaf(string path) => _leaves.Contains(path);

        /// <summary>The direct children of a node; the top-level nodes for the empty path.</summary>
        internal IReadOnlyList<string> ChildrenOf(string path) =>
            _children.TryGetValue(path, out var list) ? list : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>The short names and alternative spellings that resolve to <paramref name="path"/>.</summary>
        internal IReadOnlyList<string> NamesOf(string path) =>
            _namesByPath.TryGetValue(path, out var list) ? list : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>Resolves a path, alternative spelling or short name to its documented path; null when unknown.</summary>
        internal string? Resolve(string? nameOrPath)
        {
            if (nameOrPath == null)
            {
                return null;
            }
            var key = nameOrPath.Trim();
            return key.Length > 0 && _spellings.TryGetValue(key, out var path) ? path : null;
        }

        /// <summary>The leaves at or below a documented path.</summary>
        internal List<string> LeavesUnder(string path)
        {
            var result = new List<string>();
            Collect(path, result);
            return result;
        }

        private void Collect(string path, List<string> result)
        {
            if (_leaves.Contains(path))
            {
                result.Add(path);
                return;
            }
            if (_children.TryGetValue(path, out var children))
            {
                foreach (var child in children)
                {
                    Collect(child, result);
                }
            }
        }

        /// <summary>
        /// The accepted spelling nearest to <paramref name="unknown"/> (edit distance, or the last segment
        /// matching a short name), or null when nothing is close enough to be a plausible typo.
        /// </summary>
        internal string? Suggest(string unknown)
        {
            var input = unknown.Trim().ToLowerInvariant();
            if (input.Length == 0)
            {
                return null;
            }

            // A full path whose last segment is a known short name ("generation.chat-completion").
            var lastDot = input.LastIndexOf('.');
            if (lastDot >= 0 && _spellings.TryGetValue(input.Substring(lastDot + 1), out var byLeaf))
            {
                return byLeaf;
            }

            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in _spellings.Keys)
            {
                // Paths are compared with paths, short names with short names.
                if ((candidate.IndexOf('.') >= 0) != (input.IndexOf('.') >= 0))
                {
                    continue;
                }
                var distance = EditDistance(input, candidate.ToLowerInvariant());
                if (distance < bestDistance || (distance == bestDistance && best != null && string.CompareOrdinal(candidate, best) < 0))
                {
                    bestDistance = distance;
                    best = candidate;
                }
            }
            var allowed = Math.Max(2, input.Length / 3);
            return best != null && bestDistance <= allowed ? best : null;
        }

        private static string LastSegment(string path)
        {
            var dot = path.LastIndexOf('.');
            return dot < 0 ? path : path.Substring(dot + 1);
        }

        /// <summary>Levenshtein distance; shared with the configuration's "did you mean" hints.</summary>
        internal static int EditDistance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
    }
}
