using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

public class ModelValidationTests
{
    [Fact]
    public void Capability_short_names_and_code_spellings_resolve_to_documented_paths()
    {
        var config = Parse("""
            providers:
              p: { connector: c }
            models:
              m:
                provider: p
                capabilities: [chat-completion, generation.audio.text-to-speech, Text-Embeddings, chat-completion]
            """);

        Assert.Equal(
            ["generation.text-generation.chat-completion", "generation.audio-generation.text-to-speech", "representation.embeddings.text-embeddings"],
            config.Models["m"].Capabilities);
    }

    [Fact]
    public void An_unknown_capability_is_reported_at_its_own_line_with_a_suggestion()
    {
        var ex = Fails("""
            providers:
              p: { connector: c }
            models:
              m:
                provider: p
                capabilities:
                  - chat-completion
                  - chat-compleshun
            """);

        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(8, ex.Line);
        Assert.Equal("models.m.capabilities[1]", ex.KeyPath);
        Assert.Equal("Unknown capability 'chat-compleshun'. Did you mean 'chat-completion'?", ex.Detail);
    }

    [Fact]
    public void Capabilities_are_required_and_must_not_be_empty()
    {
        var missing = Fails("providers:\n  p: { connector: c }\nmodels:\n  m: { provider: p }\n");
        Assert.Equal("models.m.capabilities", missing.KeyPath);
        Assert.Equal(4, missing.Line);
        Assert.Equal("Required key 'capabilities' is missing.", missing.Detail);

        var empty = Fails("providers:\n  p: { connector: c }\nmodels:\n  m: { provider: p, capabilities: [] }\n");
        Assert.Equal("models.m.capabilities", empty.KeyPath);
        Assert.Contains("Expected a non-empty list of capabilities", empty.Detail, StringComparison.Ordinal);

        var scalar = Fails("providers:\n  p: { connector: c }\nmodels:\n  m: { provider: p, capabilities: chat-completion }\n");
        Assert.Contains("found 'chat-completion'", scalar.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_must_name_a_provider_of_the_file()
    {
        var ex = Fails("""
            providers:
              openai: { connector: openai.llm.v1 }
            models:
              gpt:
                provider: opnai
                capabilities: [chat-completion]
            """);

        Assert.Equal(5, ex.Line);
        Assert.Equal("models.gpt.provider", ex.KeyPath);
        Assert.Contains("Unknown provider 'opnai'. Did you mean 'openai'?", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("defined: openai", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_is_required()
    {
        var ex = Fails("providers:\n  p: { connector: c }\nmodels:\n  m: { capabilities: [chat-completion] }\n");
        Assert.Equal("models.m.provider", ex.KeyPath);
        Assert.Equal("Required key 'provider' is missing.", ex.Detail);
    }

    [Fact]
    public void Upstream_model_name_defaults_from_the_id_and_can_be_set()
    {
        var config = Parse("""
            providers:
              openai: { connector: openai.llm.v1 }
              openai.llm.v1: { connector: openai.llm.v1 }
              local: { connector: openai-compatible }
            models:
              openai.gpt-4o: { provider: openai, capabilities: [chat-completion] }
              openai.llm.v1.gpt-4o-mini: { provider: openai.llm.v1, capabilities: [chat-completion] }
              openai.o3: { provider: openai.llm.v1, capabilities: [chat-completion] }
              llama3: { provider: local, capabilities: [chat-completion] }
              fast: { provider: local, model: "llama3.2:1b", capabilities: [chat-completion] }
            """);

        Assert.Equal("gpt-4o", config.Models["openai.gpt-4o"].Model);
        Assert.Equal("gpt-4o-mini", config.Models["openai.llm.v1.gpt-4o-mini"].Model);
        Assert.Equal("o3", config.Models["openai.o3"].Model);
        Assert.Equal("llama3", config.Models["llama3"].Model);
        Assert.Equal("llama3.2:1b", config.Models["fast"].Model);
    }

    [Fact]
    public void Constraints_features_pricing_limits_and_delivery_are_typed()
    {
        var config = Parse(Base.Replace("capabilities: [chat-completion]", """
            capabilities: [chat-completion]
                constraints: { context_window: 128000, max_output_tokens: 16384 }
                features: { tools: true, vision: true, json_schema: false, json_mode: true, streaming: true, system_prompt: true }
                pricing: { input_per_1k: 0.0025, output_per_1k: 0.01, per_request: 0 }
                limits: { requests: 1000, tokens: 2000000, cost: 12.5 }
                delivery: { synchronous: true, streaming: true, batch: false }
            """, StringComparison.Ordinal));

        var model = config.Models["openai.gpt-4o"];
        Assert.Equal(128000, model.Constraints.ContextWindow);
        Assert.Equal(16384, model.Constraints.MaxOutputTokens);
        Assert.True(model.Features.Tools);
        Assert.False(model.Features.JsonSchema);
        Assert.True(model.Features.SystemPrompt);
        Assert.Equal(0.0025m, model.Pricing!.InputPer1K);
        Assert.Equal(0.01m, model.Pricing.OutputPer1K);
        Assert.Equal(1000, model.Limits.Requests);
        Assert.Equal(12.5m, model.Limits.Cost);
        Assert.False(model.Delivery.Batch);
        Assert.Equal("models[\"openai.gpt-4o\"].pricing", model.Pricing.Location.KeyPath);
    }

    [Fact]
    public void Undeclared_details_are_null()
    {
        var model = Parse(Base).Models["openai.gpt-4o"];
        Assert.Null(model.Constraints.ContextWindow);
        Assert.Null(model.Features.Tools);
        Assert.Null(model.Pricing);
        Assert.Null(model.Limits.Tokens);
        Assert.Null(model.Delivery.Streaming);
    }

    [Theory]
    [InlineData("constraints: { context_window: 0 }", "constraints.context_window", "Expected a whole number from 1 to 100000000, found '0'.")]
    [InlineData("constraints: { max_output_tokens: -5 }", "constraints.max_output_tokens", "Expected a whole number from 1 to 100000000, found '-5'.")]
    [InlineData("features: { tools: sometimes }", "features.tools", "Expected true or false, found 'sometimes'.")]
    [InlineData("features: { audio: true }", "features.audio", "Unknown key 'audio'.")]
    [InlineData("pricing: { input_per_1k: -0.01 }", "pricing.input_per_1k", "Expected a number from 0 to 1000, found '-0.01'.")]
    [InlineData("pricing: { output_per_1k: cheap }", "pricing.output_per_1k", "Expected a number from 0 to 1000, found 'cheap'.")]
    [InlineData("limits: { requests: -1 }", "limits.requests", "Expected a whole number from 0 to 1000000000000, found '-1'.")]
    [InlineData("limits: { cost: -1 }", "limits.cost", "Expected a number from 0 to 1000000000, found '-1'.")]
    [InlineData("delivery: { batch: 1 }", "delivery.batch", "Expected true or false, found '1'.")]
    [InlineData("pricing: [1, 2]", "pricing", "Expected a mapping of keys to values, found a list.")]
    public void Model_details_are_checked(string line, string keyPathSuffix, string message)
    {
        var yaml = Base + "    " + line + "\n";
        var ex = Fails(yaml);

        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(8, ex.Line);
        Assert.Equal("models[\"openai.gpt-4o\"]." + keyPathSuffix, ex.KeyPath);
        Assert.StartsWith(message, ex.Detail, StringComparison.Ordinal);
    }
}
