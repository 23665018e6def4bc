namespace ModelMesh.Core.Tests.Configuration;

/// <summary>Shared helpers: a fixed environment, and loading YAML expected to fail.</summary>
internal static class ConfigTestSupport
{
    internal const string Source = "mesh.yaml";

    internal static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    internal static ConfigurationLoadOptions Options(IReadOnlyDictionary<string, string>? environment = null) => new()
    {
        Environment = name => (environment ?? NoVariables).TryGetValue(name, out var value) ? value : null,
    };

    internal static MeshConfiguration Parse(string yaml, IReadOnlyDictionary<string, string>? environment = null) =>
        MeshConfiguration.Parse(yaml, Source, Options(environment));

    internal static ConfigurationException Fails(string yaml, IReadOnlyDictionary<string, string>? environment = null) =>
        Assert.Throws<ConfigurationException>(() => MeshConfiguration.Parse(yaml, Source, Options(environment)));

    /// <summary>The one problem whose key path is <paramref name="keyPath"/>.</summary>
    internal static ConfigurationProblem ProblemAt(ConfigurationException ex, string keyPath) =>
        Assert.Single(ex.Problems, p => p.Location.KeyPath == keyPath);

    /// <summary>A minimal valid prefix: one provider and one model, to which a test appends its own sections.</summary>
    internal const string Base = """
        providers:
          openai:
            connector: openai.llm.v1
        models:
          openai.gpt-4o:
            provider: openai
            capabilities: [chat-completion]

        """;
}
