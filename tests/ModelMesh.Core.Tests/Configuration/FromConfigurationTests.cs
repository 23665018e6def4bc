using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ModelMesh.Core.Tests.Configuration;

public class FromConfigurationTests
{
    private const string Yaml = """
        secrets: { store: modelmesh.env.v1 }
        providers:
          openai:
            connector: openai.llm.v1
            config: { api_key: "${secrets:OPENAI_API_KEY}", headers: { X-Team: core } }
          local:
            connector: openai-compatible
            enabled: false
            base_url: http://127.0.0.1:11434
        models:
          openai.gpt-4o:
            provider: openai
            capabilities: [chat-completion, text-embeddings]
            pricing: { input_per_1k: 0.0025, output_per_1k: 0.01 }
            features: { tools: true }
          local.llama3:
            provider: local
            capabilities: [generation.text-generation.chat-completion]
            constraints: { context_window: 8192 }
        pools:
          chat:
            capability: chat-completion
            strategy: modelmesh.priority-selection.v1
            model_priority: [local.llama3, openai.gpt-4o]
            model_weights: { openai.gpt-4o: 2 }
            failure_threshold: 2
            cooldown_seconds: 30
            retry: { max_attempts: 5, initial_delay: 250ms }
            timeouts: { idle: 20s }
        budget: { daily_limit: 5.0, monthly_limit: 50.0, provider_limits: { openai: 2 } }
        observability: { connector: modelmesh.console.v1 }
        proxy: { port: 9000, cors: [http://localhost:3000] }
        """;

    private const string Json = """
        {
          "ModelMesh": {
            "secrets": { "store": "modelmesh.env.v1" },
            "providers": {
              "openai": { "connector": "openai.llm.v1", "config": { "api_key": "${secrets:OPENAI_API_KEY}", "headers": { "X-Team": "core" } } },
              "local": { "connector": "openai-compatible", "enabled": false, "base_url": "http://127.0.0.1:11434" }
            },
            "models": {
              "openai.gpt-4o": {
                "provider": "openai",
                "capabilities": [ "chat-completion", "text-embeddings" ],
                "pricing": { "input_per_1k": 0.0025, "output_per_1k": 0.01 },
                "features": { "tools": true }
              },
              "local.llama3": {
                "provider": "local",
                "capabilities": [ "generation.text-generation.chat-completion" ],
                "constraints": { "context_window": 8192 }
              }
            },
            "pools": {
              "chat": {
                "capability": "chat-completion",
                "strategy": "modelmesh.priority-selection.v1",
                "model_priority": [ "local.llama3", "openai.gpt-4o" ],
                "model_weights": { "openai.gpt-4o": 2 },
                "failure_threshold": 2,
                "cooldown_seconds": 30,
                "retry": { "max_attempts": 5, "initial_delay": "250ms" },
                "timeouts": { "idle": "20s" }
              }
            },
            "budget": { "daily_limit": 5.0, "monthly_limit": 50.0, "provider_limits": { "openai": 2 } },
            "observability": { "connector": "modelmesh.console.v1" },
            "proxy": { "port": 9000, "cors": [ "http://localhost:3000" ] }
          }
        }
        """;

    private static readonly ConfigurationLoadOptions Options = new()
    {
        Environment = name => name == "OPENAI_API_KEY" ? "sk-from-env-0001" : null,
    };

    [Fact]
    public void Json_through_IConfiguration_gives_the_same_model_as_yaml()
    {
        var fromYaml = MeshConfiguration.Parse(Yaml, "mesh.yaml", Options);
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

        var fromJson = MeshConfiguration.FromConfiguration(configuration.GetSection("ModelMesh"), Options);

        Assert.Equal(Describe(fromYaml), Describe(fromJson));
        // The comparison covers the typed values, not just the shapes.
        Assert.Contains("FailureThreshold:2 ", Describe(fromJson), StringComparison.Ordinal);
        Assert.Contains("InputPer1K:0.0025 ", Describe(fromJson), StringComparison.Ordinal);
        Assert.Contains("X-Team=\"core\"", Describe(fromJson), StringComparison.Ordinal);
        Assert.Equal("sk-from-env-0001", fromJson.Providers["openai"].Config!.Require("api_key").GetString());
    }

    [Fact]
    public void In_memory_collection_arrays_become_sequences()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["providers:p:connector"] = "c",
            ["models:m:provider"] = "p",
            ["models:m:capabilities:0"] = "chat-completion",
            ["models:m:capabilities:1"] = "text-embeddings",
            ["pools:chat:models:0"] = "m",
        }).Build();

        var config = MeshConfiguration.FromConfiguration(configuration, Options);

        Assert.Equal(2, config.Models["m"].Capabilities.Count);
        Assert.Equal(["m"], config.Pools["chat"].Models);
    }

    [Fact]
    public void Errors_carry_the_section_path_and_no_line()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMesh:providers:p:connector"] = "c",
            ["ModelMesh:models:m.x:provider"] = "p",
            ["ModelMesh:models:m.x:capabilities:0"] = "chat-completion",
            ["ModelMesh:models:m.x:capabilities:1"] = "chat-compleshun",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => MeshConfiguration.FromConfiguration(configuration.GetSection("ModelMesh"), Options));

        Assert.Equal("configuration section 'ModelMesh'", ex.FilePath);
        Assert.Null(ex.Line);
        Assert.Equal("models[\"m.x\"].capabilities[1]", ex.KeyPath);
        Assert.StartsWith("Unknown capability 'chat-compleshun'.", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_that_are_not_consecutive_integers_stay_a_mapping()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["a:0"] = "x",
            ["a:2"] = "y",
            ["b:0"] = "x",
            ["b:1"] = "y",
            ["c:01"] = "x",
            ["d"] = "",
        }).Build();

        var root = ConfigNode.FromConfiguration(configuration);

        Assert.Equal(ConfigNodeKind.Mapping, root.Require("a").Kind);
        Assert.Equal(ConfigNodeKind.Sequence, root.Require("b").Kind);
        Assert.Equal(ConfigNodeKind.Mapping, root.Require("c").Kind);
        Assert.True(root.TryGetChild("d", out var d) && d.IsNull);
        Assert.Equal("configuration", root.Location.Source);
    }

    [Fact]
    public void Unknown_keys_in_appsettings_get_suggestions_too()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["providers:p:connector"] = "c",
            ["providers:p:enabeld"] = "true",
            ["providers:q:Connector"] = "c",
            ["providers:q:Enabeld"] = "true",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => MeshConfiguration.FromConfiguration(configuration, Options));

        Assert.Contains(ex.Problems, p => p.Message.StartsWith("Unknown key 'enabeld'. Did you mean 'enabled'?", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.StartsWith("Unknown key 'Enabeld'. Did you mean 'Enabled'?", StringComparison.Ordinal));
    }

    // A canonical text of everything but locations and source nodes, so two loads can be compared. Reflection is
    // fine here: it is test code, and the library itself uses none.
    private static string Describe(object? value)
    {
        var text = new StringBuilder();
        Write(value, text, 0);
        return text.ToString();
    }

    private static void Write(object? value, StringBuilder text, int depth)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case ConfigNode node:
                WriteNode(node, text);
                return;
            case string or bool or TimeSpan:
                text.Append(value);
                return;
            case IFormattable number:
                text.Append(number.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IEnumerable sequence:
                if (value.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
                {
                    // IConfiguration sorts keys, so dictionaries are compared by key rather than by order.
                    var entries = sequence.Cast<object>()
                        .Select(e => (Key: (string)e.GetType().GetProperty("Key")!.GetValue(e)!, Value: e.GetType().GetProperty("Value")!.GetValue(e)))
                        .OrderBy(e => e.Key, StringComparer.Ordinal);
                    text.Append('{');
                    foreach (var (key, item) in entries)
                    {
                        text.Append(key).Append('=');
                        Write(item, text, depth + 1);
                        text.Append(';');
                    }
                    text.Append('}');
                    return;
                }
                text.Append('[');
                foreach (var item in sequence)
                {
                    Write(item, text, depth + 1);
                    text.Append(',');
                }
                text.Append(']');
                return;
        }
        text.Append(value.GetType().Name).Append('(');
        // Internal properties too: a connector's raw settings (Config, StrategyConfig) are kept internally.
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                     .Where(p => p.Name is not ("Location" or "Source") && !p.Name.Contains('.', StringComparison.Ordinal) && p.GetIndexParameters().Length == 0)
                     .OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(property.Name).Append(':');
            Write(property.GetValue(value), text, depth + 1);
            text.Append(' ');
        }
        text.Append(')');
    }

    private static void WriteNode(ConfigNode node, StringBuilder text)
    {
        switch (node.Kind)
        {
            case ConfigNodeKind.Scalar:
                text.Append('"').Append(node.Value).Append('"');
                break;
            case ConfigNodeKind.Sequence:
                text.Append('[').AppendJoin(",", node.Items.Select(i => { var t = new StringBuilder(); WriteNode(i, t); return t.ToString(); })).Append(']');
                break;
            case ConfigNodeKind.Mapping:
                // IConfiguration sorts keys, so compare mappings by key.
                text.Append('{');
                foreach (var entry in node.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(entry.Key).Append('=');
                    WriteNode(entry.Value, text);
                    text.Append(';');
                }
                text.Append('}');
                break;
            default:
                text.Append("null");
                break;
        }
    }
}
