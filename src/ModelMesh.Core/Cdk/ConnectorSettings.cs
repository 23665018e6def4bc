namespace ModelMesh.Cdk;

/// <summary>
/// A connector's own settings: the <c>config:</c> mapping of its entry in a configuration file, read-only. Each
/// accessor returns null when the key is absent or empty, and throws a <see cref="ConfigurationException"/> naming
/// the file, line and key path, and what was expected, when the value is of the wrong type or out of range. A value
/// that came from a <c>${secrets:…}</c> or <c>${env:…}</c> substitution is never shown in a message.
/// </summary>
public sealed class ConnectorSettings
{
    internal ConnectorSettings(ConfigNode node)
    {
        Node = node.GetMapping();
    }

    /// <summary>The mapping read (an empty one for an empty <c>config:</c>).</summary>
    internal ConfigNode Node { get; }

    /// <summary>Where the settings were written (no source when they were not read from a file).</summary>
    public ConfigLocation Location => Node.Location;

    /// <summary>The keys written, in file order.</summary>
    public IReadOnlyList<string> Keys => Node.Keys.ToArray();

    /// <summary>Reads settings from YAML text (for example to test a connector, or for <see cref="SecretStores.Create"/>).</summary>
    /// <param name="yamlText">A YAML mapping, such as <c>region: eu\ntimeout: 5s</c>.</param>
    /// <param name="sourceName">The file path or a name for messages; null for none.</param>
    /// <exception cref="ConfigurationException">The YAML is malformed or is not a mapping.</exception>
    public static ConnectorSettings Parse(string yamlText, string? sourceName = null) => new(ConfigNode.FromYaml(yamlText, sourceName));

    /// <summary>Whether key <paramref name="key"/> is written (even with an empty value).</summary>
    public bool Contains(string key) => Node.ContainsKey(key);

    /// <summary>The text of <paramref name="key"/>; numbers and booleans as written.</summary>
    /// <exception cref="ConfigurationException">The value is a list or a mapping.</exception>
    public string? GetString(string key) => Node.Get(key)?.GetString();

    /// <summary><c>true</c> or <c>false</c> (any letter case).</summary>
    /// <exception cref="ConfigurationException">The value is not a boolean.</exception>
    public bool? GetBool(string key) => Node.Get(key)?.GetBool();

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ConfigurationException">The value is not a whole number in range.</exception>
    public int? GetInt32(string key, int min = int.MinValue, int max = int.MaxValue) => Node.Get(key)?.GetInt32(min, max);

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ConfigurationException">The value is not a whole number in range.</exception>
    public long? GetInt64(string key, long min = long.MinValue, long max = long.MaxValue) => Node.Get(key)?.GetInt64(min, max);

    /// <summary>A finite number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ConfigurationException">The value is not a number in range.</exception>
    public double? GetDouble(string key, double min = double.MinValue, double max = double.MaxValue) => Node.Get(key)?.GetDouble(min, max);

    /// <summary>
    /// A duration within [<paramref name="min"/>, <paramref name="max"/>]: a number of seconds (<c>1.5</c>), a number
    /// with a unit (<c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>) or <c>hh:mm:ss</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">The value is not a duration in range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="min"/> is negative or above <paramref name="max"/>.</exception>
    public TimeSpan? GetTimeSpan(string key, TimeSpan min, TimeSpan max) => Node.Get(key)?.GetTimeSpan(min, max);

    /// <summary>A list of strings.</summary>
    /// <exception cref="ConfigurationException">The value is not a list of scalars.</exception>
    public IReadOnlyList<string>? GetStringList(string key) => Node.Get(key)?.GetStringList();

    /// <summary>A mapping of strings to strings (for example headers).</summary>
    /// <exception cref="ConfigurationException">The value is not a mapping of scalars.</exception>
    public IReadOnlyDictionary<string, string>? GetStringMap(string key) => Node.Get(key)?.GetStringMap();

    /// <summary>A nested mapping, as settings of its own.</summary>
    /// <exception cref="ConfigurationException">The value is not a mapping.</exception>
    public ConnectorSettings? GetSection(string key) => Node.Get(key) is { } child ? new ConnectorSettings(child) : null;

    /// <summary>
    /// The exception for a value the connector rejects for a reason of its own, located at <paramref name="key"/>
    /// (or at the settings when the key is absent).
    /// </summary>
    /// <param name="key">The key whose value is wrong.</param>
    /// <param name="message">What is wrong; must not contain the value if it may be a secret.</param>
    public ConfigurationException Error(string key, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ConfigurationException(message, Node.TryGetChild(key, out var child) ? child.Location : Location);
    }

    /// <summary>Describes the settings without any value, so it is safe to log.</summary>
    public override string ToString() => $"{Node.Entries.Count} setting(s) at {Location}";
}
