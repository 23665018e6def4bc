using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

public class PoolValidationTests
{
    private const string TwoProviders = """
        providers:
          openai: { connector: openai.llm.v1 }
          local: { connector: openai-compatible }
        models:
          openai.gpt-4o: { provider: openai, capabilities: [chat-completion] }
          local.llama3: { provider: local, capabilities: [chat-completion] }
        pools:
          chat:

        """;

    // The pool's keys start on line 9.
    private static ConfigurationException PoolFails(string body) => Fails(TwoProviders + Indent(body));

    private static PoolConfiguration Pool(string body) => Parse(TwoProviders + Indent(body)).Pools["chat"];

    private static string Indent(string body) => string.Concat(body.Split('\n').Select(l => l.Length == 0 ? "\n" : "    " + l + "\n"));

    [Fact]
    public void Every_pool_setting_is_read()
    {
        var pool = Pool("""
            capability: chat-completion
            models: [openai.gpt-4o]
            providers: [openai, local]
            excluded_providers: [local]
            strategy: modelmesh.load-balanced.v1
            strategy_config: { spread: wide }
            model_priority: [local.llama3, openai.gpt-4o]
            provider_priority: [local]
            model_weights: { openai.gpt-4o: 2.5, local.llama3: 1 }
            model_request_limits: { openai.gpt-4o: 100 }
            model_token_limits: { local.llama3: 50000 }
            failure_threshold: 5
            error_rate_threshold: 0.25
            error_rate_window: 40
            cooldown_seconds: 90
            session_header: x-session
            latency_window: 10
            max_latency_ms: 2500
            retry: { max_attempts: 4, initial_delay: 250ms, max_delay: 5s, honor_retry_after: false, total_timeout: 1m }
            timeouts: { connect: 5s, first_token: 10s, idle: 30s, total: 2m }
            """);

        Assert.Equal("generation.text-generation.chat-completion", pool.Capability);
        Assert.Equal(["openai.gpt-4o"], pool.Models);
        Assert.Equal(["openai", "local"], pool.Providers);
        Assert.Equal(["local"], pool.ExcludedProviders);
        Assert.Equal("modelmesh.load-balanced.v1", pool.Strategy);
        Assert.Equal("wide", pool.StrategyConfig!.Require("spread").GetString());
        Assert.Equal(["local.llama3", "openai.gpt-4o"], pool.ModelPriority);
        Assert.Equal(["local"], pool.ProviderPriority);
        Assert.Equal(2.5, pool.ModelWeights["openai.gpt-4o"]);
        Assert.Equal(["openai.gpt-4o", "local.llama3"], pool.ModelWeights.Keys);
        Assert.Equal(100, pool.ModelRequestLimits["openai.gpt-4o"]);
        Assert.Equal(50000, pool.ModelTokenLimits["local.llama3"]);
        Assert.Equal(5, pool.FailureThreshold);
        Assert.Equal(0.25, pool.ErrorRateThreshold);
        Assert.Equal(40, pool.ErrorRateWindow);
        Assert.Equal(TimeSpan.FromSeconds(90), pool.Cooldown);
        Assert.Equal("x-session", pool.SessionHeader);
        Assert.Equal(10, pool.LatencyWindow);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), pool.MaxLatency);
        Assert.Equal(4, pool.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(250), pool.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), pool.Retry.MaxDelay);
        Assert.False(pool.Retry.HonorRetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(1), pool.Retry.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), pool.Timeouts.Connect);
        Assert.Equal(TimeSpan.FromSeconds(10), pool.Timeouts.FirstToken);
        Assert.Equal(TimeSpan.FromSeconds(30), pool.Timeouts.Idle);
        Assert.Equal(TimeSpan.FromMinutes(2), pool.Timeouts.Total);
    }

    [Fact]
    public void Strategy_is_kept_as_written_for_the_router_to_resolve()
    {
        var pool = Pool("capability: chat-completion\nstrategy: my-own-strategy\n");
        Assert.Equal("my-own-strategy", pool.Strategy);
        Assert.Equal(10, pool.LocationOf("strategy").Line);
        Assert.Equal("pools.chat.strategy", pool.LocationOf("strategy").KeyPath);
    }

    [Fact]
    public void A_pool_needs_a_capability_or_models()
    {
        var ex = PoolFails("strategy: modelmesh.round-robin.v1\n");
        Assert.Equal(8, ex.Line);
        Assert.Equal("pools.chat", ex.KeyPath);
        Assert.Equal("A pool needs 'capability', 'models' or both.", ex.Detail);
    }

    [Fact]
    public void A_models_only_pool_is_valid()
    {
        var pool = Pool("models: [local.llama3]\n");
        Assert.Null(pool.Capability);
        Assert.Equal(["local.llama3"], pool.Models);
    }

    [Fact]
    public void Pool_capability_must_resolve()
    {
        var ex = PoolFails("capability: chat-complete\n");
        Assert.Equal(9, ex.Line);
        Assert.Equal("pools.chat.capability", ex.KeyPath);
        Assert.StartsWith("Unknown capability 'chat-complete'. Did you mean", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("models: [openai.gpt-4o, openai.gpt4o]", "pools.chat.models[1]", "Unknown model 'openai.gpt4o'. Did you mean 'openai.gpt-4o'?")]
    [InlineData("model_priority: [llama3]", "pools.chat.model_priority[0]", "Unknown model 'llama3'.")]
    [InlineData("providers: [opanai]", "pools.chat.providers[0]", "Unknown provider 'opanai'. Did you mean 'openai'?")]
    [InlineData("excluded_providers: [remote]", "pools.chat.excluded_providers[0]", "Unknown provider 'remote'.")]
    [InlineData("provider_priority: [locl]", "pools.chat.provider_priority[0]", "Unknown provider 'locl'. Did you mean 'local'?")]
    [InlineData("model_weights: { gpt: 1 }", "pools.chat.model_weights.gpt", "Unknown model 'gpt'.")]
    [InlineData("model_request_limits: { gpt: 1 }", "pools.chat.model_request_limits.gpt", "Unknown model 'gpt'.")]
    [InlineData("model_token_limits: { gpt: 1 }", "pools.chat.model_token_limits.gpt", "Unknown model 'gpt'.")]
    public void Pool_references_must_name_models_and_providers_of_the_file(string line, string keyPath, string message)
    {
        var ex = PoolFails("capability: chat-completion\n" + line + "\n");
        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(10, ex.Line);
        Assert.Equal(keyPath, ex.KeyPath);
        Assert.StartsWith(message, ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failure_threshold: 0", "failure_threshold", "Expected a whole number from 1 to 1000000, found '0'.")]
    [InlineData("error_rate_threshold: 0", "error_rate_threshold", "Expected a number > 0 and ≤ 1, found '0'.")]
    [InlineData("error_rate_threshold: 1.5", "error_rate_threshold", "Expected a number > 0 and ≤ 1, found '1.5'.")]
    [InlineData("error_rate_window: 0", "error_rate_window", "Expected a whole number from 1 to 100000, found '0'.")]
    [InlineData("cooldown_seconds: -1", "cooldown_seconds", "Expected a duration from 0 to 720h (such as 30, 500ms, 10s, 2m or 00:01:30), found '-1'.")]
    [InlineData("latency_window: 0", "latency_window", "Expected a whole number from 1 to 100000, found '0'.")]
    [InlineData("max_latency_ms: 0", "max_latency_ms", "Expected a number > 0 and ≤ 86400000, found '0'.")]
    [InlineData("session_header: ''", "session_header", "Expected a non-empty string, found ''.")]
    [InlineData("model_weights: { openai.gpt-4o: 0 }", "model_weights[\"openai.gpt-4o\"]", "Expected a number > 0 and ≤ 1000000, found '0'.")]
    [InlineData("model_request_limits: { openai.gpt-4o: -1 }", "model_request_limits[\"openai.gpt-4o\"]", "Expected a whole number from 0 to 1000000000000, found '-1'.")]
    [InlineData("retry: { max_attempts: 0 }", "retry.max_attempts", "Expected a whole number from 1 to 100, found '0'.")]
    [InlineData("retry: { initial_delay: soon }", "retry.initial_delay", "Expected a duration")]
    [InlineData("retry: { honor_retry_after: please }", "retry.honor_retry_after", "Expected true or false, found 'please'.")]
    [InlineData("retry: { total_timeout: 0 }", "retry.total_timeout", "Expected a duration > 0 and ≤ 24h (such as 30, 500ms, 10s, 2m or 00:01:30), found '0'.")]
    [InlineData("retry: { initial_delay: 5s, max_delay: 1s }", "retry.max_delay", "'max_delay' (1s) must not be shorter than 'initial_delay' (5s).")]
    [InlineData("timeouts: { idle: 0s }", "timeouts.idle", "Expected a duration > 0 and ≤ 24h (such as 30, 500ms, 10s, 2m or 00:01:30), found '0s'.")]
    [InlineData("strategy: [a]", "strategy", "Expected a string, found a list.")]
    [InlineData("models: openai.gpt-4o", "models", "Expected a list of model ids, found 'openai.gpt-4o'.")]
    public void Pool_values_are_checked(string line, string keySuffix, string message)
    {
        var ex = PoolFails("capability: chat-completion\n" + line + "\n");
        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(10, ex.Line);
        Assert.Equal("pools.chat." + keySuffix, ex.KeyPath);
        Assert.StartsWith(message, ex.Detail, StringComparison.Ordinal);
    }
}
