using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

public class ProviderValidationTests
{
    [Fact]
    public void Connector_is_required()
    {
        var ex = Fails("providers:\n  openai:\n    enabled: true\n");
        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(2, ex.Line);
        Assert.Equal("providers.openai.connector", ex.KeyPath);
        Assert.Equal("Required key 'connector' is missing.", ex.Detail);
    }

    [Fact]
    public void Enabled_must_be_a_bool_and_defaults_to_true()
    {
        var ex = Fails("providers:\n  openai:\n    connector: openai.llm.v1\n    enabled: maybe\n");
        Assert.Equal(4, ex.Line);
        Assert.Equal("providers.openai.enabled", ex.KeyPath);
        Assert.Equal("Expected true or false, found 'maybe'.", ex.Detail);

        var config = Parse("providers:\n  a: { connector: x }\n  b: { connector: x, enabled: false }\n");
        Assert.True(config.Providers["a"].Enabled);
        Assert.False(config.Providers["b"].Enabled);
        Assert.Null(config.Providers["a"].Config);
    }

    [Fact]
    public void Config_is_kept_raw_for_the_connector_to_validate()
    {
        var config = Parse("""
            providers:
              openai:
                connector: openai.llm.v1
                config:
                  base_url: https://api.openai.com
                  timeout: 30s
                  headers: { X-Team: core }
                  custom_thing: [1, 2]
            """);

        var node = config.Providers["openai"].Config!;
        Assert.Equal(TimeSpan.FromSeconds(30), node.Require("timeout").GetTimeSpan());
        Assert.Equal("core", node.Require("headers").GetStringMap()["X-Team"]);
        Assert.Equal("providers.openai.config.custom_thing[1]", node.Require("custom_thing").Items[1].Location.KeyPath);
        var ex = Assert.Throws<ConfigurationException>(() => node.EnsureOnlyKeys("base_url", "timeout", "headers", "api_key"));
        Assert.Equal(8, ex.Line);
        Assert.Equal("providers.openai.config.custom_thing", ex.KeyPath);
    }

    [Fact]
    public void Config_must_be_a_mapping()
    {
        var ex = Fails("providers:\n  openai:\n    connector: x\n    config: [a]\n");
        Assert.Equal("providers.openai.config", ex.KeyPath);
        Assert.Equal("Expected a mapping of keys to values, found a list.", ex.Detail);
    }

    [Fact]
    public void Api_key_and_base_url_shorthands_merge_into_config()
    {
        var config = Parse("""
            providers:
              openai:
                connector: openai.llm.v1
                api_key: sk-test-123456
                config: { organization: org-1 }
              local:
                connector: openai-compatible
                base_url: http://127.0.0.1:11434
            """);

        var openai = config.Providers["openai"].Config!;
        Assert.Equal(["organization", "api_key"], openai.Keys);
        Assert.Equal("sk-test-123456", openai.Require("api_key").GetString());
        Assert.Equal("providers.openai.api_key", openai.Require("api_key").Location.KeyPath);
        var local = config.Providers["local"].Config!;
        Assert.Equal("http://127.0.0.1:11434", local.Require("base_url").GetString());
        Assert.Equal("providers.local.config", local.Location.KeyPath);
    }

    [Fact]
    public void A_shorthand_that_conflicts_with_config_is_an_error()
    {
        var ex = Fails("""
            providers:
              openai:
                connector: openai.llm.v1
                config: { api_key: a-key-1 }
                api_key: a-key-2
            """);

        Assert.Equal(5, ex.Line);
        Assert.Equal("providers.openai.api_key", ex.KeyPath);
        Assert.Equal("'api_key' is set both here and under 'config'; set it once.", ex.Detail);
    }

    [Fact]
    public void Providers_must_be_a_mapping()
    {
        var ex = Fails("providers: [openai]\n");
        Assert.Equal("providers", ex.KeyPath);
        Assert.Equal(1, ex.Line);
        Assert.Equal("Expected a mapping of keys to values, found a list.", ex.Detail);
    }
}
