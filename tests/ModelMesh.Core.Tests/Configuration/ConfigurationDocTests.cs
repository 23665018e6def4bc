using System.Reflection;
using System.Text.RegularExpressions;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>
/// docs/configuration.md and docs/examples/modelmesh.yaml stay true: the example loads and builds a mesh, and the
/// keys the doc's tables list are exactly the keys the readers accept, section by section.
/// </summary>
public partial class ConfigurationDocTests
{
    private static string RepositoryRoot =>
        Path.GetFullPath(Path.Combine(typeof(ConfigurationDocTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!, "..", ".."));

    private static string ExamplePath => Path.Combine(RepositoryRoot, "docs", "examples", "modelmesh.yaml");

    private static readonly Dictionary<string, string> ExampleEnvironment = new()
    {
        ["OPENAI_API_KEY"] = "sk-example-0123456789",
        ["MODELMESH_PROXY_TOKEN"] = "proxy-token-1",
        ["MODELMESH_PROXY_TOKEN_2"] = "proxy-token-2",
    };

    private static ConfigurationLoadOptions ExampleOptions => new() { Environment = ExampleEnvironment.GetValueOrDefault };

    [Fact]
    public void The_example_file_loads_with_the_values_it_documents()
    {
        var config = MeshConfiguration.Load(ExamplePath, ExampleOptions);

        Assert.Equal("high-availability", config.Template);
        Assert.Equal(["openai", "groq", "local"], config.Providers.Keys);
        Assert.Equal("sk-example-0123456789", config.Providers["openai"].Config!.Require("api_key").GetString());
        Assert.Equal(TimeSpan.FromSeconds(60), config.Providers["openai"].Config!.Require("timeout").GetTimeSpan());
        Assert.False(config.Providers["groq"].Enabled);
        Assert.Equal("http://127.0.0.1:11434", config.Providers["local"].Config!.Require("base_url").GetString());
        Assert.Equal("llama3.2:3b", config.Models["local.llama3"].Model);
        Assert.Equal("gpt-4o", config.Models["openai.gpt-4o"].Model);
        Assert.Equal(0.01m, config.Models["openai.gpt-4o"].Pricing!.OutputPer1K);
        Assert.Equal(["chat", "cheap", "balanced", "embeddings"], config.Pools.Keys);
        var chat = config.Pools["chat"];
        Assert.Equal(3, chat.FailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(60), chat.Cooldown);
        Assert.Equal(TimeSpan.FromMinutes(2), chat.Retry.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), chat.Retry.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), chat.Timeouts.Idle);
        var embeddings = config.Pools["embeddings"];
        Assert.Equal(2, embeddings.FailureThreshold);             // from the template
        Assert.Equal(TimeSpan.FromSeconds(30), embeddings.Cooldown);
        Assert.Equal(3, config.Pools["balanced"].ModelWeights["openai.gpt-4o-mini"]);
        Assert.Equal(20m, config.Budget!.DailyLimit);
        Assert.Equal(15m, config.Budget.ProviderLimits["openai"]);
        Assert.Equal("proxy-token-1", config.Proxy!.Token);
        Assert.Equal(["proxy-token-2"], config.Proxy.Tokens);
        Assert.Equal(600, config.Proxy.RequestsPerMinute);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Proxy.DrainTimeout);
        Assert.Equal("modelmesh.console.v1", config.Observability!.Connector);
        Assert.Equal("modelmesh.memory.v1", config.Storage!.Connector);
        Assert.Null(config.Discovery);
        Assert.Empty(config.Connectors!.Packages);
    }

    [Fact]
    public void The_example_file_builds_a_mesh()
    {
        using var mesh = Mesh.FromConfiguration(MeshConfiguration.Load(ExamplePath, ExampleOptions), new MeshConfigOptions { ReloadOnChange = false });

        Assert.Equal(["openai.gpt-4o", "openai.gpt-4o-mini", "local.llama3"], mesh.PoolStatus("chat").Models.Select(m => m.ModelId));
        Assert.Equal(["openai.text-embedding-3-small"], mesh.PoolStatus("embeddings").Models.Select(m => m.ModelId));
    }

    [Fact]
    public void The_doc_links_the_example_and_the_README_and_FromConfig_link_the_doc()
    {
        Assert.Contains("](examples/modelmesh.yaml)", Doc, StringComparison.Ordinal);
        Assert.Contains("](docs/configuration.md)", File.ReadAllText(Path.Combine(RepositoryRoot, "README.md")), StringComparison.Ordinal);
        Assert.Contains("docs/configuration.md", File.ReadAllText(Path.Combine(RepositoryRoot, "src", "ModelMesh.Core", "Client", "Configured", "Mesh.Config.cs")), StringComparison.Ordinal);
    }

    private static string Doc => File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "configuration.md"));

    /// <summary>Every section with fixed keys, and a file that puts an unknown key in it (plus whether it is checked only when a mesh is built).</summary>
    private static readonly (string Section, string Yaml, bool Build)[] Probes =
    [
        ("", "zz_probe: 1", false),
        ("secrets", "secrets: { zz_probe: 1 }", false),
        ("secrets.config", "secrets: { store: modelmesh.env.v1, config: { zz_probe: 1 } }", false),
        ("secrets.config", "secrets: { store: modelmesh.dotenv.v1, config: { zz_probe: 1 } }", false),
        ("secrets.config", "secrets: { store: modelmesh.json-secrets.v1, config: { zz_probe: 1 } }", false),
        ("secrets.config", "secrets: { store: modelmesh.memory-secrets.v1, config: { zz_probe: 1 } }", false),
        ("providers.<id>", "providers: { p: { connector: c, zz_probe: 1 } }", false),
        ("providers.<id>.config", "providers: { p: { connector: openai-compatible, config: { base_url: 'http://127.0.0.1:9', zz_probe: 1 } } }", true),
        ("providers.<id>.config", "providers: { p: { connector: modelmesh.simulated.v1, config: { zz_probe: 1 } } }", true),
        ("providers.<id>.config", "providers: { p: { connector: meai.chat-client.v1, config: { zz_probe: 1 } } }", true),
        ("providers.<id>.config", "providers: { p: { connector: ollama.local.v1, config: { zz_probe: 1 } } }", true),
        ("providers.<id>.config", "providers: { p: { connector: anthropic.claude.v1, config: { api_key: k, zz_probe: 1 } } }", true),
        ("providers.<id>.config", "providers: { p: { connector: google.gemini.v1, config: { api_key: k, zz_probe: 1 } } }", true),
        ("providers.<id>.config", "providers: { p: { connector: cohere.nlp.v1, config: { api_key: k, zz_probe: 1 } } }", true),
        ("models.<id>", Model("zz_probe: 1"), false),
        ("models.<id>.constraints", Model("constraints: { zz_probe: 1 }"), false),
        ("models.<id>.features", Model("features: { zz_probe: 1 }"), false),
        ("models.<id>.pricing", Model("pricing: { zz_probe: 1 }"), false),
        ("models.<id>.limits", Model("limits: { zz_probe: 1 }"), false),
        ("models.<id>.delivery", Model("delivery: { zz_probe: 1 }"), false),
        ("pools.<id>", Pool("zz_probe: 1"), false),
        ("pools.<id>.retry", Pool("retry: { zz_probe: 1 }"), false),
        ("pools.<id>.timeouts", Pool("timeouts: { zz_probe: 1 }"), false),
        ("storage", "storage: { connector: modelmesh.memory.v1, zz_probe: 1 }", false),
        ("observability", "observability: { connector: modelmesh.console.v1, zz_probe: 1 }", false),
        ("observability.config", "observability: { connector: modelmesh.console.v1, config: { zz_probe: 1 } }", true),
        ("discovery", "discovery: { connector: d, zz_probe: 1 }", false),
        ("budget", "budget: { zz_probe: 1 }", false),
        ("proxy", "proxy: { zz_probe: 1 }", false),
        ("proxy.auth", "proxy: { auth: { zz_probe: 1 } }", false),
        ("proxy.rate_limit", "proxy: { rate_limit: { zz_probe: 1 } }", false),
        ("connectors", "connectors: { zz_probe: 1 }", false),
    ];

    private static string Model(string entry) =>
        "providers: { p: { connector: c } }\nmodels: { m: { provider: p, capabilities: [chat-completion], " + entry + " } }";

    private static string Pool(string entry) =>
        "providers: { p: { connector: c } }\nmodels: { m: { provider: p, capabilities: [chat-completion] } }\npools: { chat: { capability: chat-completion, " + entry + " } }";

    [Fact]
    public void The_doc_tables_list_exactly_the_keys_the_readers_accept()
    {
        var documented = DocumentedKeys();
        var accepted = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (section, yaml, build) in Probes)
        {
            var keys = accepted.TryGetValue(section, out var known) ? known : accepted[section] = new SortedSet<string>(StringComparer.Ordinal);
            keys.UnionWith(AllowedKeys(yaml, build));
        }

        var drift = documented.Keys.Where(section => !accepted.ContainsKey(section))
            .Select(section => $"docs/configuration.md documents section '{section}', which no probe reads").ToList();
        foreach (var (section, keys) in accepted)
        {
            var inDoc = documented.TryGetValue(section, out var d) ? d : [];
            if (!keys.SetEquals(inDoc))
            {
                drift.Add($"Section '{section}': accepted but not documented: [{string.Join(", ", keys.Except(inDoc))}]; documented but not accepted: [{string.Join(", ", inDoc.Except(keys))}]");
            }
        }
        Assert.Empty(drift);
    }

    // Rows of the tables whose header starts with "| Key |": the first cell's code span is a key path.
    private static Dictionary<string, SortedSet<string>> DocumentedKeys()
    {
        var result = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var inKeyTable = false;
        foreach (var raw in Doc.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('|'))
            {
                inKeyTable = false;
                continue;
            }
            if (line.StartsWith("| Key |", StringComparison.Ordinal))
            {
                inKeyTable = true;
                continue;
            }
            var path = KeyCell().Match(line);
            if (!inKeyTable || !path.Success)
            {
                continue;
            }
            var keyPath = path.Groups[1].Value;
            var dot = keyPath.LastIndexOf('.');
            var section = dot < 0 ? string.Empty : keyPath[..dot];
            var key = keyPath[(dot + 1)..];
            (result.TryGetValue(section, out var keys) ? keys : result[section] = new SortedSet<string>(StringComparer.Ordinal)).Add(key);
        }
        Assert.True(result.Values.Sum(k => k.Count) > 100, "the doc's key tables were not found");
        return result;
    }

    private static IEnumerable<string> AllowedKeys(string yaml, bool build)
    {
        var options = new ConfigurationLoadOptions { Environment = _ => null };
        var ex = Assert.Throws<ConfigurationException>(() =>
        {
            var config = MeshConfiguration.Parse(yaml, "probe.yaml", options);
            if (build)
            {
                using var mesh = Mesh.FromConfiguration(config, new MeshConfigOptions { ReloadOnChange = false });
            }
        });
        var problem = Assert.Single(ex.Problems, p => p.Location.KeyPath.EndsWith("zz_probe", StringComparison.Ordinal));
        var list = AllowedList().Match(problem.Message);
        Assert.True(list.Success, problem.Message);
        return list.Groups[1].Value.Split(", ");
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|")]
    private static partial Regex KeyCell();

    [GeneratedRegex(@"Allowed keys: (.+)\.$")]
    private static partial Regex AllowedList();
}
