using System.Reflection;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>docs/configuration.md's <c>providers.&lt;id&gt;.connector</c> row names every connector the library ships.</summary>
public sealed class ConnectorListDocTests
{
    [Fact]
    public void Every_shipped_connector_id_is_listed_in_the_connector_row()
    {
        var root = Path.GetFullPath(Path.Combine(typeof(ConnectorListDocTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!, "..", ".."));
        var row = File.ReadAllLines(Path.Combine(root, "docs", "configuration.md")).Single(l => l.StartsWith("| `providers.<id>.connector` |", StringComparison.Ordinal));
        var shipped = typeof(BaseProvider).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<ProviderAttribute>()?.Id)
            .OfType<string>()
            .Concat(["openai-compatible", "modelmesh.simulated.v1", "meai.chat-client.v1"])
            .ToList();

        Assert.True(shipped.Count > 20, "the reflection found the generated connectors");
        var missing = shipped.Where(id => !row.Contains($"`{id}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not listed: " + string.Join(", ", missing));
    }
}
