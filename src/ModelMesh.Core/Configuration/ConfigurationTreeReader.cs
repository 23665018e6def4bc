using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ModelMesh.Configuration;

/// <summary>
/// Builds a <see cref="ConfigNode"/> tree from <see cref="IConfiguration"/>. Configuration providers flatten
/// arrays into children named 0, 1, …, so such a section becomes a sequence again. There are no lines; keys come
/// in the order <see cref="IConfiguration.GetChildren"/> gives them (providers sort them, so file order is lost).
/// Mappings accept PascalCase and camelCase spellings of the snake_case schema keys (see <see cref="KeySpelling"/>).
/// </summary>
internal static class ConfigurationTreeReader
{
    internal static ConfigNode Read(IConfiguration configuration, string? sourceName)
    {
        var path = configuration is IConfigurationSection section ? section.Path : string.Empty;
        var source = sourceName ?? (path.Length == 0 ? "configuration" : $"configuration section '{path}'");
        return ReadNode(configuration, source, string.Empty, configuration is IConfigurationSection s ? s.Value : null);
    }

    private static ConfigNode ReadNode(IConfiguration node, string source, string keyPath, string? value)
    {
        var location = new ConfigLocation(source, null, null, keyPath);
        var children = node.GetChildren().ToArray();
        if (children.Length == 0)
        {
            return string.IsNullOrEmpty(value) ? ConfigNode.Null(location) : ConfigNode.Scalar(location, value);
        }
        if (IsSequence(children, out var ordered))
        {
            return ConfigNode.Sequence(location,
                ordered.Select((child, i) => ReadNode(child, source, ConfigLocation.AppendIndex(keyPath, i), child.Value)));
        }
        // .NET developers write PascalCase in appsettings.json, and IConfiguration ignores case: schema keys are
        // looked up in either spelling (ids keep theirs).
        return ConfigNode.Mapping(location, children.Select(child =>
            KeyValuePair.Create(child.Key, ReadNode(child, source, ConfigLocation.AppendKey(keyPath, child.Key), child.Value))),
            acceptsOtherSpellings: true);
    }

    private static bool IsSequence(IConfigurationSection[] children, out IConfigurationSection[] ordered)
    {
        ordered = new IConfigurationSection[children.Length];
        foreach (var child in children)
        {
            // "0", "1", … exactly: "01" or "+1" are ordinary keys.
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= children.Length
                || index.ToString(CultureInfo.InvariantCulture) != child.Key
                || ordered[index] is not null)
            {
                return false;
            }
            ordered[index] = child;
        }
        return true;
    }
}
