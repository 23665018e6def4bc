using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

public class SectionValidationTests
{
    [Fact]
    public void Budget_is_read_with_defaults_and_provider_limits()
    {
        var budget = Parse(Base + "budget: { daily_limit: 10, per_request_limit: 0.5, provider_limits: { openai: 3.25 } }\n").Budget!;
        Assert.Equal(10m, budget.DailyLimit);
        Assert.Null(budget.MonthlyLimit);
        Assert.Equal(0.5m, budget.PerRequestLimit);
        Assert.Equal(0.8, budget.AlertThreshold);
        Assert.True(budget.Enforce);
        Assert.Equal(3.25m, budget.ProviderLimits["openai"]);
    }

    [Theory]
    [InlineData("budget: { daily_limit: -1 }", "budget.daily_limit", "Expected a number from 0 to 1000000000, found '-1'.")]
    [InlineData("budget: { monthly_limit: lots }", "budget.monthly_limit", "Expected a number from 0 to 1000000000, found 'lots'.")]
    [InlineData("budget: { alert_threshold: 1.2 }", "budget.alert_threshold", "Expected a number ≥ 0 and ≤ 1, found '1.2'.")]
    [InlineData("budget: { enforce: never }", "budget.enforce", "Expected true or false, found 'never'.")]
    [InlineData("budget: { provider_limits: { anthropic: 1 } }", "budget.provider_limits.anthropic", "Unknown provider 'anthropic'.")]
    [InlineData("budget: { provider_limits: { openai: -2 } }", "budget.provider_limits.openai", "Expected a number from 0 to 1000000000, found '-2'.")]
    [InlineData("storage: { config: { path: x } }", "storage.connector", "Required key 'connector' is missing.")]
    [InlineData("observability: { connector: [a] }", "observability.connector", "Expected a string, found a list.")]
    [InlineData("discovery: { connector: d, config: 5 }", "discovery.config", "Expected a mapping of keys to values, found '5'.")]
    [InlineData("proxy: { port: 99999 }", "proxy.port", "Expected a whole number from 1 to 65535, found '99999'.")]
    [InlineData("proxy: { auth: { tokens: abc } }", "proxy.auth.tokens", "Expected a list of strings, found 'abc'.")]
    [InlineData("proxy: { rate_limit: { requests_per_minute: 0 } }", "proxy.rate_limit.requests_per_minute", "Expected a whole number from 1 to 1000000")]
    [InlineData("proxy: { rate_limit: { per_minute: 5 } }", "proxy.rate_limit.per_minute", "Unknown key 'per_minute'.")]
    [InlineData("proxy: { max_body_size: 10 }", "proxy.max_body_size", "Expected a whole number from 1024")]
    [InlineData("proxy: { drain_timeout: soon }", "proxy.drain_timeout", "Expected a duration")]
    [InlineData("connectors: { packages: ./a.zip }", "connectors.packages", "Expected a list of strings, found './a.zip'.")]
    [InlineData("secrets: { store: modelmesh.env.v2 }", "secrets.store", "Unknown secret store 'modelmesh.env.v2'. Did you mean 'modelmesh.env.v1'?")]
    [InlineData("secrets: { config: { prefx: A_ } }", "secrets.config.prefx", "Unknown key 'prefx'. Did you mean 'prefix'?")]
    [InlineData("template: cheapest", "template", "Unknown template 'cheapest'.")]
    public void Section_values_are_checked(string line, string keyPath, string message)
    {
        var ex = Fails(Base + line + "\n");
        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(8, ex.Line);
        Assert.Equal(keyPath, ex.KeyPath);
        Assert.StartsWith(message, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_observability_discovery_proxy_and_connectors_are_kept()
    {
        var config = Parse(Base + """
            storage: { connector: modelmesh.sqlite.v1, config: { path: ./state.db } }
            observability: { connector: modelmesh.console.v1 }
            discovery: { connector: modelmesh.auto.v1, config: { interval: 5m } }
            proxy: { host: 0.0.0.0, port: 8081, token: t0ken-value, cors: '*', auth: { method: bearer, tokens: [a, b] }, endpoints: [chat], rate_limit: { requests_per_minute: 600, burst_size: 50 }, max_body_size: 2048, drain_timeout: 5s }
            connectors: { packages: [./extra.zip] }
            """);

        Assert.Equal("modelmesh.sqlite.v1", config.Storage!.Connector);
        Assert.Equal("./state.db", config.Storage.Config!.Require("path").GetString());
        Assert.Equal("modelmesh.console.v1", config.Observability!.Connector);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Discovery!.Config!.Require("interval").GetTimeSpan());
        Assert.Equal("0.0.0.0", config.Proxy!.Host);
        Assert.Equal(8081, config.Proxy.Port);
        Assert.Equal("t0ken-value", config.Proxy.Token);
        Assert.Equal(["*"], config.Proxy.Cors);
        Assert.Equal("bearer", config.Proxy.AuthMethod);
        Assert.Equal(["a", "b"], config.Proxy.Tokens);
        Assert.Equal("chat", config.Proxy.Endpoints!.Items[0].GetString());
        Assert.Equal(600, config.Proxy.RequestsPerMinute);
        Assert.Equal(50, config.Proxy.Burst);
        Assert.Equal(2048, config.Proxy.MaxBodySize);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Proxy.DrainTimeout);
        Assert.Equal(["./extra.zip"], config.Connectors!.Packages);
    }

    [Fact]
    public void A_root_that_is_not_a_mapping_is_rejected()
    {
        var ex = Fails("- providers\n- models\n");
        Assert.Equal(1, ex.Line);
        Assert.Equal("Expected a mapping of keys to values, found a list.", ex.Detail);
    }

    [Fact]
    public void All_problems_are_reported_in_one_exception_first_in_file_order()
    {
        var ex = Fails("""
            providers:
              openai:
                connector: openai.llm.v1
                enabled: nope
            models:
              gpt:
                provider: openia
                capabilities: [chat-completion, not-a-capability]
            pools:
              chat:
                failure_threshold: 0
            budget:
              daily_limit: -3
            poolz: {}
            """);

        Assert.Equal(7, ex.Problems.Count);
        Assert.Equal(4, ex.Line);
        Assert.Equal("providers.openai.enabled", ex.KeyPath);
        Assert.Equal(
            ["providers.openai.enabled", "models.gpt.provider", "models.gpt.capabilities[1]", "pools.chat", "pools.chat.failure_threshold", "budget.daily_limit", "poolz"],
            ex.Problems.Select(p => p.Location.KeyPath));
        Assert.Contains("7 problems in all", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mesh.yaml(14,1): 'poolz': Unknown key 'poolz'. Did you mean 'pools'?", ex.Message, StringComparison.Ordinal);
    }
}
