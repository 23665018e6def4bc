using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>
/// Values that would load and then fail every request (a timer past what CancelAfter takes, a cooldown past the
/// calendar, a price whose product with a token count overflows) are rejected at load, located, with the range.
/// </summary>
public class RangeValidationTests
{
    // Line 8 is the line each test appends.
    private static ConfigurationException FailsAt(string section, string line)
    {
        var ex = Fails(Base + section + line + "\n");
        Assert.Equal(Source, ex.FilePath);
        Assert.NotNull(ex.Line);
        return ex;
    }

    private const string Pool = "pools:\n  chat:\n    capability: chat-completion\n";

    [Theory]
    [InlineData("cooldown_seconds: 400000000000", "cooldown_seconds", "Expected a duration from 0 to 720h (such as 30, 500ms, 10s, 2m or 00:01:30), found '400000000000'.")]
    [InlineData("cooldown_seconds: 721h", "cooldown_seconds", "Expected a duration from 0 to 720h (such as 30, 500ms, 10s, 2m or 00:01:30), found '721h'.")]
    [InlineData("max_latency_ms: 1e12", "max_latency_ms", "Expected a number > 0 and ≤ 86400000, found '1e12'.")]
    [InlineData("failure_threshold: 2000000000", "failure_threshold", "Expected a whole number from 1 to 1000000, found '2000000000'.")]
    [InlineData("error_rate_window: 2000000000", "error_rate_window", "Expected a whole number from 1 to 100000, found '2000000000'.")]
    [InlineData("latency_window: 2000000000", "latency_window", "Expected a whole number from 1 to 100000, found '2000000000'.")]
    [InlineData("model_weights: { openai.gpt-4o: 1e300 }", "model_weights[\"openai.gpt-4o\"]", "Expected a number > 0 and ≤ 1000000, found '1e300'.")]
    [InlineData("model_request_limits: { openai.gpt-4o: 9000000000000000000 }", "model_request_limits[\"openai.gpt-4o\"]", "Expected a whole number from 0 to 1000000000000, found")]
    [InlineData("model_token_limits: { openai.gpt-4o: 9000000000000000000 }", "model_token_limits[\"openai.gpt-4o\"]", "Expected a whole number from 0 to 1000000000000000, found")]
    [InlineData("retry: { max_attempts: 1000000 }", "retry.max_attempts", "Expected a whole number from 1 to 100, found '1000000'.")]
    [InlineData("retry: { initial_delay: 10000000h }", "retry.initial_delay", "Expected a duration from 0 to 24h (such as 30, 500ms, 10s, 2m or 00:01:30), found '10000000h'.")]
    [InlineData("retry: { max_delay: 10000000h }", "retry.max_delay", "Expected a duration from 0 to 24h")]
    [InlineData("retry: { total_timeout: 100000h }", "retry.total_timeout", "Expected a duration > 0 and ≤ 24h (such as 30, 500ms, 10s, 2m or 00:01:30), found '100000h'.")]
    [InlineData("timeouts: { connect: 10000000h }", "timeouts.connect", "Expected a duration > 0 and ≤ 24h")]
    [InlineData("timeouts: { first_token: 10000000h }", "timeouts.first_token", "Expected a duration > 0 and ≤ 24h")]
    [InlineData("timeouts: { idle: 10000000h }", "timeouts.idle", "Expected a duration > 0 and ≤ 24h")]
    [InlineData("timeouts: { total: '1000000000:00:00' }", "timeouts.total", "Expected a duration > 0 and ≤ 24h")]
    public void Huge_pool_values_are_rejected_with_the_range(string line, string keySuffix, string message)
    {
        var ex = FailsAt(Pool, "    " + line);
        Assert.Equal(11, ex.Line);
        Assert.Equal("pools.chat." + keySuffix, ex.KeyPath);
        Assert.StartsWith(message, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_values_at_the_top_of_their_range_are_accepted()
    {
        var pool = Parse(Base + Pool + """
                cooldown_seconds: 720h
                max_latency_ms: 86400000
                failure_threshold: 1000000
                error_rate_window: 100000
                latency_window: 100000
                model_weights: { openai.gpt-4o: 1000000 }
                model_request_limits: { openai.gpt-4o: 1000000000000 }
                model_token_limits: { openai.gpt-4o: 1000000000000000 }
                retry: { max_attempts: 100, initial_delay: 24h, max_delay: 24h, total_timeout: 24h }
                timeouts: { connect: 24h, first_token: 24h, idle: 86400, total: "1.00:00:00" }
            """).Pools["chat"];

        Assert.Equal(TimeSpan.FromDays(30), pool.Cooldown);
        Assert.Equal(TimeSpan.FromDays(1), pool.MaxLatency);
        Assert.Equal(1_000_000, pool.FailureThreshold);
        Assert.Equal(1_000_000_000_000_000, pool.ModelTokenLimits["openai.gpt-4o"]);
        Assert.Equal(100, pool.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(24), pool.Retry.TotalTimeout);
        Assert.Equal(TimeSpan.FromHours(24), pool.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromHours(24), pool.Timeouts.Idle);
        Assert.Equal(TimeSpan.FromHours(24), pool.Timeouts.Total);
    }

    [Theory]
    [InlineData("pricing: { output_per_1k: 7.9e28 }", "pricing.output_per_1k", "Expected a number from 0 to 1000, found '7.9e28'.")]
    [InlineData("pricing: { input_per_1k: 1000.01 }", "pricing.input_per_1k", "Expected a number from 0 to 1000, found '1000.01'.")]
    [InlineData("pricing: { per_request: 5000 }", "pricing.per_request", "Expected a number from 0 to 1000, found '5000'.")]
    [InlineData("constraints: { context_window: 2000000000 }", "constraints.context_window", "Expected a whole number from 1 to 100000000, found '2000000000'.")]
    [InlineData("constraints: { max_output_tokens: 2000000000 }", "constraints.max_output_tokens", "Expected a whole number from 1 to 100000000, found '2000000000'.")]
    [InlineData("limits: { requests: 9000000000000000000 }", "limits.requests", "Expected a whole number from 0 to 1000000000000, found")]
    [InlineData("limits: { tokens: 9000000000000000000 }", "limits.tokens", "Expected a whole number from 0 to 1000000000000000, found")]
    [InlineData("limits: { cost: 1e25 }", "limits.cost", "Expected a number from 0 to 1000000000, found '1e25'.")]
    public void Huge_model_values_are_rejected_with_the_range(string line, string keySuffix, string message)
    {
        var ex = FailsAt(string.Empty, "    " + line);
        Assert.Equal(8, ex.Line);
        Assert.Equal("models[\"openai.gpt-4o\"]." + keySuffix, ex.KeyPath);
        Assert.StartsWith(message, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_values_at_the_top_of_their_range_are_accepted()
    {
        var model = Parse(Base + """
                pricing: { input_per_1k: 1000, output_per_1k: 1000, per_request: 1000 }
                constraints: { context_window: 100000000, max_output_tokens: 100000000 }
                limits: { requests: 1000000000000, tokens: 1000000000000000, cost: 1000000000 }
            """).Models["openai.gpt-4o"];

        Assert.Equal(1000m, model.Pricing!.OutputPer1K);
        Assert.Equal(100_000_000, model.Constraints.ContextWindow);
        Assert.Equal(1_000_000_000m, model.Limits.Cost);
        // The largest price times the largest token count still fits a decimal.
        Assert.Equal(2_000_000_000_000_000m + 1000m, new ModelPricing(1000m, 1000m, 1000m).Cost(1_000_000_000_000_000, 1_000_000_000_000_000));
    }

    [Theory]
    [InlineData("budget: { daily_limit: 1e20 }", "budget.daily_limit")]
    [InlineData("budget: { monthly_limit: 79228162514264337593543950335 }", "budget.monthly_limit")]
    [InlineData("budget: { per_request_limit: 1000000001 }", "budget.per_request_limit")]
    [InlineData("budget: { provider_limits: { openai: 1e20 } }", "budget.provider_limits.openai")]
    public void Huge_budget_values_are_rejected_with_the_range(string line, string keyPath)
    {
        var ex = FailsAt(string.Empty, line);
        Assert.Equal(8, ex.Line);
        Assert.Equal(keyPath, ex.KeyPath);
        Assert.StartsWith("Expected a number from 0 to 1000000000, found", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_values_at_the_top_of_their_range_are_accepted()
    {
        var budget = Parse(Base + "budget: { daily_limit: 1000000000, monthly_limit: 1000000000, per_request_limit: 1000000000, provider_limits: { openai: 1000000000 } }\n").Budget!;
        Assert.Equal(1_000_000_000m, budget.DailyLimit);
        Assert.Equal(1_000_000_000m, budget.ProviderLimits["openai"]);
    }

    private const string LocalProvider = """
        providers:
          local:
            connector: openai-compatible
            config:
              base_url: http://127.0.0.1:9

        """;

    private static MeshClient Build(string configLines) =>
        Mesh.FromConfiguration(Parse(LocalProvider + configLines), new MeshConfigOptions { ReloadOnChange = false });

    [Theory]
    [InlineData("timeout: 10000000h", "timeout")]
    [InlineData("connect_timeout: 10000000h", "connect_timeout")]
    [InlineData("stream_idle_timeout: 100000h", "stream_idle_timeout")]
    [InlineData("timeout: 86401", "timeout")]
    public void Huge_provider_timeouts_are_rejected_with_the_range(string line, string key)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Build("      " + line + "\n"));
        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(6, ex.Line);
        Assert.Equal("providers.local.config." + key, ex.KeyPath);
        Assert.StartsWith("Expected a duration > 0 and ≤ 24h", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_timeouts_of_a_day_are_accepted()
    {
        using var mesh = Build("      timeout: 24h\n      connect_timeout: 86400\n      stream_idle_timeout: 1440m\n");
        Assert.NotNull(mesh);
    }

    [Fact]
    public void A_connector_reading_an_unbounded_duration_still_cannot_overflow_the_calendar()
    {
        var node = ConfigNode.FromYaml("interval: 100000000h\n").Require("interval");
        var ex = Assert.Throws<ConfigurationException>(() => node.GetTimeSpan());
        Assert.StartsWith("Expected a duration from 0 to 8760h", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(365), ConfigNode.FromYaml("interval: 8760h\n").Require("interval").GetTimeSpan());
    }

    [Fact]
    public void A_connector_can_read_a_duration_within_its_own_range()
    {
        var node = ConfigNode.FromYaml("poll: 2h\n").Require("poll");
        var ex = Assert.Throws<ConfigurationException>(() => node.GetTimeSpan(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));
        Assert.Equal("Expected a duration from 1s to 1h (such as 30, 500ms, 10s, 2m or 00:01:30), found '2h'.", ex.Detail);
        Assert.Equal(TimeSpan.FromHours(2), node.GetTimeSpan(TimeSpan.Zero, TimeSpan.FromHours(2), minExclusive: true));
    }
}
