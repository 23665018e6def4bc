namespace ModelMesh.Configuration;

/// <summary>"Did you mean" for configuration keys and references: the nearest candidate by edit distance.</summary>
internal static class Suggestions
{
    /// <summary>The candidate nearest to <paramref name="unknown"/> (ignoring case), or null when none is a plausible typo.</summary>
    internal static string? Nearest(string unknown, IEnumerable<string> candidates)
    {
        var input = unknown.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = ModelMesh.Taxonomy.CapabilityIndex.EditDistance(input, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        // A third of the length (at least 2) keeps "timout" → "timeout" but not "foo" → "store".
        var allowed = Math.Max(2, input.Length / 3);
        return best is not null && bestDistance <= allowed && bestDistance < Math.Max(input.Length, 1) ? best : null;
    }

    /// <summary>"Unknown key 'x'. Did you mean 'y'? Allowed keys: …".</summary>
    internal static string UnknownKeyMessage(string key, IReadOnlyCollection<string> allowed)
    {
        var nearest = Nearest(key, allowed);
        var hint = nearest is null ? string.Empty : $" Did you mean '{nearest}'?";
        var list = allowed.Count == 0 ? "none" : string.Join(", ", allowed);
        return $"Unknown key '{key}'.{hint} Allowed keys: {list}.";
    }

    /// <summary>"Unknown model 'x'. Did you mean 'y'? (defined: …)" for references to ids defined elsewhere.</summary>
    internal static string UnknownReferenceMessage(string what, string id, IReadOnlyCollection<string> known) =>
        UnknownReferenceMessage(what, $"'{id}'", Nearest(id, known), known);

    /// <summary>
    /// The same with the id already quoted (for a substituted id: "Unknown provider: the value of ${env:X}. (defined: …)",
    /// with no suggestion, which would tell what the value is close to).
    /// </summary>
    internal static string UnknownReferenceMessage(string what, string quoted, string? suggestion, IReadOnlyCollection<string> known)
    {
        var hint = suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
        var list = known.Count == 0 ? "none are defined" : "defined: " + string.Join(", ", known);
        var separator = quoted.StartsWith('\'') ? " " : ": ";
        return $"Unknown {what}{separator}{quoted}.{hint} ({list})";
    }

}
