namespace ModelMesh.Configuration;

/// <summary>
/// Collects every problem of one load so a file with several mistakes is reported in one exception. Readers wrap
/// each independent read in <see cref="Try{T}"/> or <see cref="Optional{T}"/> and carry on with a fallback.
/// </summary>
internal sealed class ReadContext(MeshTemplate? template)
{
    internal List<ConfigurationProblem> Problems { get; } = [];

    /// <summary>The template whose values replace the built-in defaults, if any.</summary>
    internal MeshTemplate? Template { get; set; } = template;

    internal void Add(string message, ConfigLocation location) => Problems.Add(new ConfigurationProblem(message, location));

    /// <summary>Runs a read; on a <see cref="ConfigurationException"/> records its problems and returns default.</summary>
    internal T? Try<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ConfigurationException ex)
        {
            Problems.AddRange(ex.Problems);
            return default;
        }
    }

    /// <summary>Runs a check; on a <see cref="ConfigurationException"/> records its problems.</summary>
    internal void Try(Action check)
    {
        try
        {
            check();
        }
        catch (ConfigurationException ex)
        {
            Problems.AddRange(ex.Problems);
        }
    }

    /// <summary>Reads optional key <paramref name="key"/> of a mapping, or returns <paramref name="fallback"/> when it is absent, empty or invalid.</summary>
    internal T Optional<T>(ConfigNode mapping, string key, Func<ConfigNode, T> read, T fallback)
    {
        var node = mapping.Get(key);
        if (node is null)
        {
            return fallback;
        }
        try
        {
            return read(node);
        }
        catch (ConfigurationException ex)
        {
            Problems.AddRange(ex.Problems);
            return fallback;
        }
    }

    /// <summary>The mapping of a section with free keys (ids), or an empty one (problem recorded) when it is not a mapping.</summary>
    internal ConfigNode Mapping(ConfigNode node) => Try(node.GetMapping) ?? ConfigNode.Mapping(node.Location, []);

    /// <summary>The mapping of a section whose keys must be among <paramref name="allowedKeys"/>; unknown keys are recorded.</summary>
    internal ConfigNode Mapping(ConfigNode node, params string[] allowedKeys)
    {
        var mapping = Mapping(node);
        Try(() => mapping.EnsureOnlyKeys(allowedKeys));
        return mapping;
    }

    /// <summary>
    /// Reads a list of ids that must each be in <paramref name="known"/>; unknown ones are reported at their own line
    /// with a "did you mean".
    /// </summary>
    internal IReadOnlyList<string> IdList(ConfigNode mapping, string key, IReadOnlyCollection<string> known, string what)
    {
        var node = mapping.Get(key);
        if (node is null)
        {
            return [];
        }
        if (node.Kind != ConfigNodeKind.Sequence)
        {
            Problems.AddRange(node.Mismatch($"a list of {what} ids").Problems);
            return [];
        }
        var ids = new List<string>();
        foreach (var item in node.Items)
        {
            var id = Try(item.GetString);
            if (id is null)
            {
                continue;
            }
            CheckReference(item, known, what);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>
    /// Records a problem when the id written in scalar <paramref name="reference"/> is not one of
    /// <paramref name="known"/>. A substituted id is named by its reference, with no suggestion derived from it.
    /// </summary>
    internal bool CheckReference(ConfigNode reference, IReadOnlyCollection<string> known, string what)
    {
        var id = reference.GetString();
        if (known.Contains(id, StringComparer.Ordinal))
        {
            return true;
        }
        Add(reference.IsSensitive
            ? Suggestions.UnknownReferenceMessage(what, reference.Quote(), suggestion: null, known)
            : Suggestions.UnknownReferenceMessage(what, id, known), reference.Location);
        return false;
    }

    /// <summary>Records a problem when mapping key <paramref name="id"/> (never substituted) is not one of <paramref name="known"/>.</summary>
    private void CheckKeyReference(string id, ConfigLocation location, IReadOnlyCollection<string> known, string what)
    {
        if (!known.Contains(id, StringComparer.Ordinal))
        {
            Add(Suggestions.UnknownReferenceMessage(what, id, known), location);
        }
    }

    /// <summary>Reads a mapping from ids in <paramref name="known"/> to values, reporting unknown ids and bad values.</summary>
    internal IReadOnlyDictionary<string, T> IdMap<T>(ConfigNode mapping, string key, IReadOnlyCollection<string> known, string what,
        Func<ConfigNode, T> read)
    {
        var node = mapping.Get(key);
        if (node is null)
        {
            return OrderedReadOnlyDictionary<string, T>.Empty;
        }
        var map = Try(node.GetMapping);
        if (map is null)
        {
            return OrderedReadOnlyDictionary<string, T>.Empty;
        }
        var entries = new List<KeyValuePair<string, T>>();
        foreach (var entry in map.Entries)
        {
            CheckKeyReference(entry.Key, entry.Value.Location, known, what);
            try
            {
                entries.Add(KeyValuePair.Create(entry.Key, read(entry.Value)));
            }
            catch (ConfigurationException ex)
            {
                Problems.AddRange(ex.Problems);
            }
        }
        return new OrderedReadOnlyDictionary<string, T>(entries);
    }
}
