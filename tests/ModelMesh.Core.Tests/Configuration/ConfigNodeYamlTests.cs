namespace ModelMesh.Core.Tests.Configuration;

public class ConfigNodeYamlTests
{
    [Fact]
    public void Nodes_carry_file_line_column_and_key_path()
    {
        var root = ConfigNode.FromYaml("""
            pools:
              chat:
                failure_threshold: 3
                models: [a, b]
            """, "mesh.yaml");

        var threshold = root.Require("pools").Require("chat").Require("failure_threshold");
        Assert.Equal(new ConfigLocation("mesh.yaml", 3, 5, "pools.chat.failure_threshold"), threshold.Location);
        var second = root.Require("pools").Require("chat").Require("models").Items[1];
        Assert.Equal("pools.chat.models[1]", second.Location.KeyPath);
        Assert.Equal(4, second.Location.Line);
        Assert.Equal(17, second.Location.Column);
    }

    [Fact]
    public void Keys_with_dots_are_bracketed_and_quoted_in_key_paths()
    {
        var root = ConfigNode.FromYaml("""
            models:
              openai.gpt-4o:
                capabilities: [chat-completion, text-embeddings]
              'we"ird':
                provider: x
            """);

        var models = root.Require("models");
        Assert.Equal("models[\"openai.gpt-4o\"].capabilities[1]", models.Require("openai.gpt-4o").Require("capabilities").Items[1].Location.KeyPath);
        Assert.Equal("models[\"we\\\"ird\"].provider", models.Require("we\"ird").Require("provider").Location.KeyPath);
        Assert.Equal("models[\"a b\"]", ConfigLocation.AppendKey("models", "a b"));
        Assert.Equal("pools.chat-2", ConfigLocation.AppendKey("pools", "chat-2"));
    }

    [Fact]
    public void Mapping_keeps_file_order()
    {
        var root = ConfigNode.FromYaml("z: 1\na: 2\nm: 3\n");
        Assert.Equal(["z", "a", "m"], root.Keys);
    }

    [Fact]
    public void Duplicate_keys_are_rejected_with_both_lines()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigNode.FromYaml("""
            pools:
              chat:
                strategy: a
                failure_threshold: 2
                strategy: b
            """, "mesh.yaml"));

        Assert.Equal("mesh.yaml", ex.FilePath);
        Assert.Equal(5, ex.Line);
        Assert.Equal("pools.chat.strategy", ex.KeyPath);
        Assert.Contains("Duplicate key 'strategy'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_documents_are_rejected()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigNode.FromYaml("a: 1\n---\nb: 2\n", "mesh.yaml"));
        Assert.Equal(2, ex.Line);
        Assert.Contains("more than one YAML document", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_report_the_line_without_yamldotnet_marks()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigNode.FromYaml("a:\n  b: [1, 2\nc: 3\n", "mesh.yaml"));
        Assert.Equal("mesh.yaml", ex.FilePath);
        Assert.NotNull(ex.Line);
        Assert.StartsWith("Invalid YAML: ", ex.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_resolve_with_the_alias_key_path()
    {
        var root = ConfigNode.FromYaml("""
            defaults: &defaults
              failure_threshold: 2
              cooldown_seconds: 30
            pools:
              chat:
                <<: *defaults
                cooldown_seconds: 10
              code:
                retry: *defaults
            """);

        var chat = root.Require("pools").Require("chat");
        Assert.Equal("2", chat.Require("failure_threshold").GetString());
        Assert.Equal("10", chat.Require("cooldown_seconds").GetString()); // written keys win over merged ones
        Assert.Equal("pools.chat.failure_threshold", chat.Require("failure_threshold").Location.KeyPath);
        var retry = root.Require("pools").Require("code").Require("retry");
        Assert.Equal("pools.code.retry.cooldown_seconds", retry.Require("cooldown_seconds").Location.KeyPath);
        Assert.Equal(9, retry.Location.Line);
    }

    [Fact]
    public void An_alias_to_an_unknown_anchor_is_an_error()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigNode.FromYaml("a: *nothing\n"));
        Assert.Contains("nothing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_tilde_and_null_are_null_but_quoted_ones_are_strings()
    {
        var root = ConfigNode.FromYaml("a:\nb: ~\nc: null\nd: 'null'\ne: \"\"\n");
        Assert.True(root.Require("d").Kind == ConfigNodeKind.Scalar);
        Assert.Equal("null", root.Require("d").GetString());
        Assert.True(root.TryGetChild("a", out var a) && a.IsNull);
        Assert.True(root.TryGetChild("b", out var b) && b.IsNull);
        Assert.True(root.TryGetChild("c", out var c) && c.IsNull);
        Assert.Null(root.Get("a"));
        Assert.Equal(string.Empty, root.Require("e").GetString());
    }

    [Fact]
    public void Complex_keys_are_rejected()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigNode.FromYaml("? [a, b]\n: 1\n"));
        Assert.Contains("mapping key must be plain text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_values()
    {
        var root = ConfigNode.FromYaml("api_key: sk-very-secret-value\n", "mesh.yaml");
        Assert.DoesNotContain("sk-very", root.Require("api_key").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-very", root.ToString(), StringComparison.Ordinal);
    }
}
