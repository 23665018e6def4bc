using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>
/// A value that came from <c>${env:…}</c> or <c>${secrets:…}</c> may be a secret pasted in the wrong place: every
/// error that would quote it names the reference instead, and offers no "did you mean" derived from it.
/// </summary>
public class SubstitutedValueQuotingTests
{
    // Each is one edit away from a real id, so a suggestion computed from it would give it away.
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["CONNECTOR"] = "openai-compatable",
        ["STRATEGY"] = "modelmesh.round-robin.v2",
        ["PROVIDER"] = "lokal",
        ["CAPABILITY"] = "chat-complettion",
        ["THRESHOLD"] = "sk-live-0123456789abcdef",
        ["MODEL"] = "local.llamb3",
        ["OBSERVABILITY"] = "modelmesh.consol.v1",
        ["DELAY"] = "9s",
    };

    private const string Valid = """
        providers:
          local: { connector: openai-compatible, config: { base_url: "http://127.0.0.1:9" } }
        models:
          local.llama3: { provider: local, capabilities: [chat-completion] }
        pools:
          chat: { capability: chat-completion }

        """;

    private static void AssertHidden(ConfigurationException ex, string reference)
    {
        var name = reference[(reference.IndexOf(':', StringComparison.Ordinal) + 1)..reference.IndexOf('}', StringComparison.Ordinal)];
        var secret = Secrets[name];
        Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.Detail, StringComparison.Ordinal);
        Assert.All(ex.Problems, p =>
        {
            Assert.DoesNotContain(secret, p.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, p.ToString(), StringComparison.Ordinal);
        });
        Assert.Contains(ex.Problems, p => p.Message.Contains("the value of " + reference, StringComparison.Ordinal));
        Assert.All(ex.Problems, p => Assert.DoesNotContain("Did you mean", p.Message, StringComparison.Ordinal));
    }

    private static MeshClient Build(string yaml) =>
        Mesh.FromConfiguration(Parse(yaml, Secrets), new MeshConfigOptions { ReloadOnChange = false });

    [Fact]
    public void A_substituted_connector_is_not_quoted()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Build(Valid.Replace("connector: openai-compatible", "connector: \"${secrets:CONNECTOR}\"", StringComparison.Ordinal)));
        Assert.Equal("providers.local.connector", ex.KeyPath);
        Assert.StartsWith("Provider 'local' names connector the value of ${secrets:CONNECTOR}, which is not registered.", ex.Detail, StringComparison.Ordinal);
        AssertHidden(ex, "${secrets:CONNECTOR}");
    }

    [Fact]
    public void A_substituted_strategy_is_not_quoted()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Build(Valid.Replace("{ capability: chat-completion }", "{ capability: chat-completion, strategy: \"${env:STRATEGY}\" }", StringComparison.Ordinal)));
        Assert.Equal("pools.chat.strategy", ex.KeyPath);
        AssertHidden(ex, "${env:STRATEGY}");
    }

    [Fact]
    public void A_substituted_observability_connector_is_not_quoted()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Build(Valid + "observability: { connector: \"${env:OBSERVABILITY}\" }\n"));
        Assert.Equal("observability.connector", ex.KeyPath);
        AssertHidden(ex, "${env:OBSERVABILITY}");
    }

    [Fact]
    public void A_substituted_provider_reference_is_not_quoted_nor_suggested()
    {
        var ex = Fails(Valid.Replace("{ provider: local,", "{ provider: \"${secrets:PROVIDER}\",", StringComparison.Ordinal), Secrets);
        Assert.Equal(4, ex.Line);
        Assert.Equal("models[\"local.llama3\"].provider", ex.KeyPath);
        Assert.Equal("Unknown provider: the value of ${secrets:PROVIDER}. (defined: local)", ex.Detail);
        AssertHidden(ex, "${secrets:PROVIDER}");
    }

    [Fact]
    public void A_substituted_model_reference_is_not_quoted_nor_suggested()
    {
        var ex = Fails(Valid.Replace("{ capability: chat-completion }", "{ capability: chat-completion, models: [\"${env:MODEL}\"] }", StringComparison.Ordinal), Secrets);
        Assert.Equal("pools.chat.models[0]", ex.KeyPath);
        AssertHidden(ex, "${env:MODEL}");
    }

    [Fact]
    public void A_substituted_capability_is_not_quoted_nor_suggested()
    {
        var ex = Fails(Valid.Replace("capabilities: [chat-completion]", "capabilities: [\"${secrets:CAPABILITY}\"]", StringComparison.Ordinal), Secrets);
        Assert.Equal("models[\"local.llama3\"].capabilities[0]", ex.KeyPath);
        Assert.StartsWith("Unknown capability: the value of ${secrets:CAPABILITY}.", ex.Detail, StringComparison.Ordinal);
        AssertHidden(ex, "${secrets:CAPABILITY}");
    }

    [Fact]
    public void A_substituted_value_of_the_wrong_type_is_not_quoted()
    {
        var ex = Fails(Valid.Replace("{ capability: chat-completion }", "{ capability: chat-completion, failure_threshold: \"${secrets:THRESHOLD}\" }", StringComparison.Ordinal), Secrets);
        Assert.Equal("pools.chat.failure_threshold", ex.KeyPath);
        Assert.Equal("Expected a whole number from 1 to 1000000, found the value of ${secrets:THRESHOLD}.", ex.Detail);
        AssertHidden(ex, "${secrets:THRESHOLD}");
    }

    [Fact]
    public void A_substituted_value_inside_a_longer_string_names_the_text_as_written()
    {
        var ex = Fails(Valid.Replace("{ capability: chat-completion }", "{ capability: chat-completion, failure_threshold: \"n-${secrets:THRESHOLD}\" }", StringComparison.Ordinal), Secrets);
        Assert.Equal("Expected a whole number from 1 to 1000000, found the value of 'n-${secrets:THRESHOLD}'.", ex.Detail);
        AssertHidden(ex, "'n-${secrets:THRESHOLD}'");
    }

    [Fact]
    public void Substituted_durations_compared_with_each_other_are_not_quoted()
    {
        var ex = Fails(Valid.Replace("{ capability: chat-completion }", "{ capability: chat-completion, retry: { initial_delay: \"${env:DELAY}\", max_delay: 1s } }", StringComparison.Ordinal), Secrets);
        Assert.Equal("pools.chat.retry.max_delay", ex.KeyPath);
        Assert.Equal("'max_delay' (1s) must not be shorter than 'initial_delay' (the value of ${env:DELAY}).", ex.Detail);
        AssertHidden(ex, "${env:DELAY}");
    }

    [Fact]
    public void A_message_a_connector_writes_about_a_substituted_node_does_not_show_the_value()
    {
        var config = Parse(Valid.Replace("base_url: \"http://127.0.0.1:9\"", "base_url: \"http://127.0.0.1:9\", region: \"${secrets:THRESHOLD}\"", StringComparison.Ordinal), Secrets);
        var region = config.Providers["local"].Config!.Require("region");

        var ex = region.Error($"Region '{region.GetString()}' is not served.");

        Assert.Equal("Region the value of ${secrets:THRESHOLD} is not served.", ex.Detail);
        AssertHidden(ex, "${secrets:THRESHOLD}");
        Assert.Equal("the value of ${secrets:THRESHOLD}", region.Quote());
        Assert.DoesNotContain(Secrets["THRESHOLD"], region.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_values_are_quoted_as_written()
    {
        var ex = Fails(Valid.Replace("{ provider: local,", "{ provider: lokal,", StringComparison.Ordinal), Secrets);
        Assert.Equal("Unknown provider 'lokal'. Did you mean 'local'? (defined: local)", ex.Detail);
    }
}
