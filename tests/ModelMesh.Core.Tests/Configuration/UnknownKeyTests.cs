using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>An unknown key is an error at every level, with a "did you mean" for a near miss.</summary>
public class UnknownKeyTests
{
    private const string Full = """
        secrets:
          store: modelmesh.env.v1
          config: { prefix: MM_ }
        providers:
          openai:
            connector: openai.llm.v1
        models:
          gpt:
            provider: openai
            capabilities: [chat-completion]
            constraints: { context_window: 1000 }
            features: { tools: true }
            pricing: { input_per_1k: 1 }
            limits: { requests: 1 }
            delivery: { batch: false }
        pools:
          chat:
            capability: chat-completion
            retry: { max_attempts: 2 }
            timeouts: { idle: 5s }
        budget: { daily_limit: 1 }
        storage: { connector: s }
        observability: { connector: o }
        discovery: { connector: d }
        proxy: { port: 8080, auth: { method: bearer } }
        connectors: { packages: [] }
        """;

    [Fact]
    public void The_full_file_without_typos_is_valid() => Parse(Full);

    [Theory]
    [InlineData("secrets:", "stor", "store", "secrets.stor")]
    [InlineData("    connector: openai.llm.v1", "enable", "enabled", "providers.openai.enable")]
    [InlineData("    provider: openai", "capabilties", "capabilities", "models.gpt.capabilties")]
    [InlineData("    capability: chat-completion", "failure_threshhold", "failure_threshold", "pools.chat.failure_threshhold")]
    [InlineData("    capability: chat-completion", "model_weight", "model_weights", "pools.chat.model_weight")]
    [InlineData("storage: { connector: s }", "conector", "connector", "storage.conector")]
    public void Block_levels(string after, string typo, string expected, string keyPath)
    {
        var indent = after.Length - after.TrimStart().Length + (after.EndsWith(':') ? 2 : 0);
        var yaml = after.StartsWith("storage", StringComparison.Ordinal)
            ? Full.Replace(after, "storage: { connector: s, " + typo + ": x }", StringComparison.Ordinal)
            : Full.Replace(after + "\n", after + "\n" + new string(' ', indent) + typo + ": x\n", StringComparison.Ordinal);

        var ex = Fails(yaml);

        Assert.Equal(keyPath, ex.KeyPath);
        Assert.NotNull(ex.Line);
        Assert.StartsWith($"Unknown key '{typo}'. Did you mean '{expected}'?", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("constraints: { context_window: 1000 }", "constraints: { context_window: 1000, context_windw: 5 }", "models.gpt.constraints.context_windw", "context_window")]
    [InlineData("features: { tools: true }", "features: { tools: true, visoin: true }", "models.gpt.features.visoin", "vision")]
    [InlineData("pricing: { input_per_1k: 1 }", "pricing: { input_per_1k: 1, output_per1k: 2 }", "models.gpt.pricing.output_per1k", "output_per_1k")]
    [InlineData("limits: { requests: 1 }", "limits: { requests: 1, token: 2 }", "models.gpt.limits.token", "tokens")]
    [InlineData("delivery: { batch: false }", "delivery: { batch: false, streamng: true }", "models.gpt.delivery.streamng", "streaming")]
    [InlineData("retry: { max_attempts: 2 }", "retry: { max_attempts: 2, max_dely: 1s }", "pools.chat.retry.max_dely", "max_delay")]
    [InlineData("timeouts: { idle: 5s }", "timeouts: { idle: 5s, firsttoken: 5s }", "pools.chat.timeouts.firsttoken", "first_token")]
    [InlineData("budget: { daily_limit: 1 }", "budget: { daily_limit: 1, monthly_limt: 2 }", "budget.monthly_limt", "monthly_limit")]
    [InlineData("observability: { connector: o }", "observability: { connector: o, confg: {} }", "observability.confg", "config")]
    [InlineData("discovery: { connector: d }", "discovery: { connector: d, conig: {} }", "discovery.conig", "config")]
    [InlineData("proxy: { port: 8080, auth: { method: bearer } }", "proxy: { port: 8080, prot: 1, auth: { method: bearer } }", "proxy.prot", "port")]
    [InlineData("auth: { method: bearer }", "auth: { method: bearer, token: x }", "proxy.auth.token", "tokens")]
    [InlineData("connectors: { packages: [] }", "connectors: { package: [] }", "connectors.package", "packages")]
    [InlineData("config: { prefix: MM_ }", "config: { prefix: MM_, cache_tl: 5s }", "secrets.config.cache_tl", "cache_ttl")]
    public void Flow_levels(string original, string replacement, string keyPath, string expected)
    {
        var ex = Fails(Full.Replace(original, replacement, StringComparison.Ordinal));

        Assert.Equal(keyPath, ex.KeyPath);
        Assert.NotNull(ex.Line);
        Assert.Contains($"Did you mean '{expected}'?", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_level()
    {
        var ex = Fails("provider:\n  openai: { connector: x }\n");
        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(1, ex.Line);
        Assert.Equal("provider", ex.KeyPath);
        Assert.StartsWith("Unknown key 'provider'. Did you mean 'providers'?", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Documented_only_keys_without_behaviour_are_rejected_too()
    {
        var ex = Fails(Full.Replace("    capability: chat-completion\n", "    capability: chat-completion\n    fallback_strategy: round-robin\n", StringComparison.Ordinal));
        Assert.Equal("pools.chat.fallback_strategy", ex.KeyPath);
        Assert.Contains("Allowed keys: capability, models", ex.Detail, StringComparison.Ordinal);
    }
}
