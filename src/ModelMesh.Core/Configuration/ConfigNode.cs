using Microsoft.Extensions.Configuration;
using ModelMesh.Configuration;

namespace ModelMesh;

/// <summary>
/// One node of a configuration tree — a scalar, a sequence or a mapping — with the place it was written
/// (<see cref="Location"/>). Typed accessors (<see cref="GetString()"/>, <see cref="GetInt32"/>,
/// <see cref="GetTimeSpan()"/>, <see cref="EnsureOnlyKeys"/>, …) throw <see cref="ConfigurationException"/> naming
/// the file, line and key path and saying what was expected and what was found. Connectors read their own
/// <c>config:</c> settings through the same accessors, by way of <see cref="Cdk.ConnectorSettings"/>.
/// </summary>
/// <remarks>
/// The location of a mapping entry is where its key is written. A scalar that came from a <c>${secrets:…}</c> or
/// <c>${env:…}</c> substitution is <see cref="IsSensitive"/>: messages show the reference as written, never the value,
/// and <see cref="ToString"/> never shows any value.
/// </remarks>
internal sealed partial class ConfigNode
{
    private static readonly ConfigNode[] NoItems = [];
    private static readonly KeyValuePair<string, ConfigNode>[] NoEntries = [];

    private readonly ConfigNode[] _items;
    private readonly KeyValuePair<string, ConfigNode>[] _entries;
    private readonly Dictionary<string, int>? _index;
    private readonly Dictionary<string, int>? _otherSpellings;

    private ConfigNode(ConfigNodeKind kind, ConfigLocation location, string? value, string? rawValue, bool isSensitive,
        ConfigNode[] items, KeyValuePair<string, ConfigNode>[] entries, bool acceptsOtherSpellings = false)
    {
        Kind = kind;
        Location = location;
        Value = value;
        RawValue = rawValue;
        IsSensitive = isSensitive;
        AcceptsOtherSpellings = acceptsOtherSpellings;
        _items = items;
        _entries = entries;
        if (entries.Length > 0)
        {
            _index = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
            for (var i = 0; i < entries.Length; i++)
            {
                _index[entries[i].Key] = i;
            }
            if (acceptsOtherSpellings)
            {
                _otherSpellings = new Dictionary<string, int>(entries.Length, StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < entries.Length; i++)
                {
                    _otherSpellings.TryAdd(KeySpelling.Fold(entries[i].Key), i); // the first of two spellings wins; EnsureOnlyKeys reports both
                }
            }
        }
    }

    /// <summary>Whether this is a scalar, a sequence, a mapping or nothing.</summary>
    public ConfigNodeKind Kind { get; }

    /// <summary>Where this node was written.</summary>
    public ConfigLocation Location { get; }

    /// <summary>The text of a scalar, after <c>${…}</c> substitution; null for other kinds.</summary>
    public string? Value { get; }

    /// <summary>The text of a scalar as written, before substitution; null for other kinds.</summary>
    public string? RawValue { get; }

    /// <summary>Whether the scalar's value came (in part) from a secret or environment substitution.</summary>
    public bool IsSensitive { get; }

    /// <summary>Whether the node holds no value.</summary>
    public bool IsNull => Kind == ConfigNodeKind.Null;

    /// <summary>The items of a sequence, in order; empty for other kinds.</summary>
    public IReadOnlyList<ConfigNode> Items => _items;

    /// <summary>The entries of a mapping, in the order written; empty for other kinds.</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries => _entries;

    /// <summary>The keys of a mapping, in the order written; empty for other kinds.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <summary>
    /// Whether this mapping came from <see cref="IConfiguration"/>, where a snake_case key may also be written in
    /// PascalCase or camelCase (<c>cooldown_seconds</c>, <c>CooldownSeconds</c>, <c>cooldownSeconds</c>) and letter
    /// case does not matter. Only lookups by key are affected; <see cref="Entries"/> and <see cref="Keys"/> keep the
    /// spelling written, so ids stay exact.
    /// </summary>
    internal bool AcceptsOtherSpellings { get; }

    /// <summary>Whether this mapping has an entry <paramref name="key"/> (even an empty one).</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The entry <paramref name="key"/> of this mapping, including an empty (null) one.</summary>
    public bool TryGetChild(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConfigNode? child)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = IndexOf(key);
        child = i >= 0 ? _entries[i].Value : null;
        return child is not null;
    }

    /// <summary>Whether <paramref name="writtenKey"/>, a key of this mapping, spells the schema key <paramref name="schemaKey"/>.</summary>
    internal bool IsKey(string writtenKey, string schemaKey) =>
        writtenKey == schemaKey || (AcceptsOtherSpellings && KeySpelling.Same(writtenKey, schemaKey));

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is null)
        {
            return -1;
        }
        if (_index.TryGetValue(key, out var i))
        {
            return i;
        }
        return _otherSpellings is not null && _otherSpellings.TryGetValue(KeySpelling.Fold(key), out i) ? i : -1;
    }

    /// <summary>
    /// The entry <paramref name="key"/> of this mapping, or null when it is absent or empty — the form optional keys
    /// are read in: <c>node.Get("timeout")?.GetTimeSpan() ?? TimeSpan.FromSeconds(30)</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">This node is a scalar or a sequence.</exception>
    public ConfigNode? Get(string key)
    {
        var mapping = GetMapping();
        return mapping.TryGetChild(key, out var child) && !child.IsNull ? child : null;
    }

    /// <summary>The entry <paramref name="key"/> of this mapping, which must be present and not empty.</summary>
    /// <exception cref="ConfigurationException">The key is missing or empty, or this node is not a mapping.</exception>
    public ConfigNode Require(string key) =>
        Get(key) ?? throw new ConfigurationException($"Required key '{key}' is missing.",
            Location.WithKeyPath(ConfigLocation.AppendKey(Location.KeyPath, key)));

    /// <summary>The node itself when it is a mapping; an empty mapping at the same place when it is empty.</summary>
    /// <exception cref="ConfigurationException">The node is a scalar or a sequence.</exception>
    public ConfigNode GetMapping() => Kind switch
    {
        ConfigNodeKind.Mapping => this,
        ConfigNodeKind.Null => Mapping(Location, NoEntries),
        _ => throw Mismatch("a mapping of keys to values"),
    };

    /// <summary>
    /// Rejects keys not in <paramref name="allowed"/>, suggesting the nearest allowed key for a near miss. Every
    /// unknown key is reported (one problem each). An empty node passes.
    /// </summary>
    /// <exception cref="ConfigurationException">A key is not allowed, or the node is not a mapping.</exception>
    public void EnsureOnlyKeys(params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var problems = new List<ConfigurationProblem>();
        var mapping = GetMapping();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal); // schema key → the spelling first written
        foreach (var entry in mapping._entries)
        {
            var schemaKey = Array.IndexOf(allowed, entry.Key) >= 0
                ? entry.Key
                : mapping.AcceptsOtherSpellings ? Array.Find(allowed, a => KeySpelling.Same(entry.Key, a)) : null;
            if (schemaKey is null)
            {
                var shown = mapping.AcceptsOtherSpellings ? KeySpelling.Like(entry.Key, allowed) : allowed;
                problems.Add(new ConfigurationProblem(Suggestions.UnknownKeyMessage(entry.Key, shown), entry.Value.Location));
            }
            else if (!seen.TryAdd(schemaKey, entry.Key))
            {
                problems.Add(new ConfigurationProblem($"'{seen[schemaKey]}' and '{entry.Key}' are the same key; set it once.", entry.Value.Location));
            }
        }
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }
    }

    /// <summary>Reads a YAML document (one document only) into a located tree.</summary>
    /// <param name="yamlText">The YAML text.</param>
    /// <param name="sourceName">The file path or a name for messages; null for none.</param>
    /// <exception cref="ConfigurationException">The YAML is malformed, has several documents or a duplicate key.</exception>
    public static ConfigNode FromYaml(string yamlText, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        return YamlTreeReader.Read(yamlText, sourceName);
    }

    /// <summary>
    /// Reads an <see cref="IConfiguration"/> (root or section) into a tree. A section whose children are all the
    /// consecutive integers 0, 1, … (how appsettings arrays arrive) becomes a sequence; an empty value becomes null.
    /// Locations carry the section path as their source and no line.
    /// </summary>
    /// <param name="configuration">The configuration root or section.</param>
    /// <param name="sourceName">A name for messages; default: the section's path (or <c>configuration</c>).</param>
    public static ConfigNode FromConfiguration(IConfiguration configuration, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ConfigurationTreeReader.Read(configuration, sourceName);
    }

    /// <summary>Describes the node without any value, so it is safe to log.</summary>
    public override string ToString() => Kind switch
    {
        ConfigNodeKind.Sequence => $"Sequence of {_items.Length} at {Location}",
        ConfigNodeKind.Mapping => $"Mapping of {_entries.Length} at {Location}",
        _ => $"{Kind} at {Location}",
    };

    internal static ConfigNode Null(ConfigLocation location) =>
        new(ConfigNodeKind.Null, location, null, null, false, NoItems, NoEntries);

    internal static ConfigNode Scalar(ConfigLocation location, string value, string? rawValue = null, bool isSensitive = false) =>
        new(ConfigNodeKind.Scalar, location, value, rawValue ?? value, isSensitive, NoItems, NoEntries);

    internal static ConfigNode Sequence(ConfigLocation location, IEnumerable<ConfigNode> items) =>
        new(ConfigNodeKind.Sequence, location, null, null, false, items.ToArray(), NoEntries);

    /// <param name="location">Where the mapping is written.</param>
    /// <param name="entries">Its entries, in order.</param>
    /// <param name="acceptsOtherSpellings">See <see cref="AcceptsOtherSpellings"/>: true for <see cref="IConfiguration"/> sources.</param>
    internal static ConfigNode Mapping(ConfigLocation location, IEnumerable<KeyValuePair<string, ConfigNode>> entries, bool acceptsOtherSpellings = false) =>
        new(ConfigNodeKind.Mapping, location, null, null, false, NoItems, entries.ToArray(), acceptsOtherSpellings);

    /// <summary>A copy whose key paths start at <paramref name="keyPath"/> (lines stay where the text is).</summary>
    internal ConfigNode Relocate(string keyPath)
    {
        var location = Location.WithKeyPath(keyPath);
        return Kind switch
        {
            ConfigNodeKind.Sequence => Sequence(location, _items.Select((item, i) => item.Relocate(ConfigLocation.AppendIndex(keyPath, i)))),
            ConfigNodeKind.Mapping => Mapping(location, _entries.Select(e =>
                KeyValuePair.Create(e.Key, e.Value.Relocate(ConfigLocation.AppendKey(keyPath, e.Key)))), AcceptsOtherSpellings),
            _ => new ConfigNode(Kind, location, Value, RawValue, IsSensitive, NoItems, NoEntries),
        };
    }

    /// <summary>A copy placed at another line and column (an entry's location is where its key is).</summary>
    internal ConfigNode At(ConfigLocation location) =>
        new(Kind, location, Value, RawValue, IsSensitive, _items, _entries, AcceptsOtherSpellings);

    /// <summary>
    /// A copy of this scalar with a substituted value; sensitive when a reference was resolved into it, and then its
    /// location carries the value so that no problem reported there shows it.
    /// </summary>
    internal ConfigNode WithValue(string value, bool isSensitive)
    {
        var sensitive = IsSensitive || isSensitive;
        var location = sensitive ? Location with { Substituted = SubstitutedValue.For(value, RawValue!) } : Location;
        return new(ConfigNodeKind.Scalar, location, value, RawValue, sensitive, NoItems, NoEntries);
    }

    /// <summary>A copy of this container with new children (same kind, location and key spellings).</summary>
    internal ConfigNode WithChildren(ConfigNode[] items, KeyValuePair<string, ConfigNode>[] entries) =>
        new(Kind, Location, Value, RawValue, IsSensitive, items, entries, AcceptsOtherSpellings);
}
