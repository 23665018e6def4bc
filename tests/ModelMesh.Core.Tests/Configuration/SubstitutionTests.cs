using ModelMesh.Cdk;
using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

public class SubstitutionTests
{
    private const string SecretValue = "sk-live-DO-NOT-PRINT-4242";

    private static MeshConfiguration ParseWith(string yaml, BaseSecretStore? store = null, Dictionary<string, string>? env = null) =>
        MeshConfiguration.Parse(yaml, Source, new ConfigurationLoadOptions
        {
            Environment = name => env is not null && env.TryGetValue(name, out var v) ? v : null,
            SecretStore = store,
        });

    private static ConfigurationException FailsWith(string yaml, BaseSecretStore? store = null, Dictionary<string, string>? env = null) =>
        Assert.Throws<ConfigurationException>(() => ParseWith(yaml, store, env));

    private static MemorySecretStore Secrets(params (string Name, string Value)[] secrets) =>
        new(secrets.Select(s => KeyValuePair.Create(s.Name, s.Value)));

    private static string Provider(string configLine) => $"providers:\n  openai:\n    connector: openai.llm.v1\n    config:\n      {configLine}\n";

    [Fact]
    public void Env_references_expand_inside_longer_strings()
    {
        var config = ParseWith(Provider("base_url: \"http://${env:HOST}:${env:PORT}/v1\""), env: new() { ["HOST"] = "10.0.0.5", ["PORT"] = "8000" });
        var url = config.Providers["openai"].Config!.Require("base_url");
        Assert.Equal("http://10.0.0.5:8000/v1", url.GetString());
        Assert.Equal("http://${env:HOST}:${env:PORT}/v1", url.RawValue);
        Assert.True(url.IsSensitive);
    }

    [Fact]
    public void Secret_references_resolve_through_the_given_store()
    {
        var config = ParseWith(Provider("api_key: ${secrets:OPENAI_API_KEY}"), Secrets(("OPENAI_API_KEY", SecretValue)));
        Assert.Equal(SecretValue, config.Providers["openai"].Config!.Require("api_key").GetString());
    }

    [Fact]
    public void Secret_references_default_to_the_env_store()
    {
        var config = ParseWith(Provider("api_key: ${secrets:OPENAI_API_KEY}"), env: new() { ["OPENAI_API_KEY"] = SecretValue });
        Assert.Equal(SecretValue, config.Providers["openai"].Config!.Require("api_key").GetString());
    }

    [Fact]
    public void The_env_store_prefix_from_the_file_applies()
    {
        var yaml = "secrets: { store: modelmesh.env.v1, config: { prefix: MM_ } }\n" + Provider("api_key: ${secrets:KEY}");
        var config = ParseWith(yaml, env: new() { ["MM_KEY"] = SecretValue, ["KEY"] = "wrong" });
        Assert.Equal(SecretValue, config.Providers["openai"].Config!.Require("api_key").GetString());
    }

    [Fact]
    public void Double_dollar_escapes_a_literal_reference()
    {
        var config = ParseWith(Provider("template: \"cost $${env:HOME} and $$5 and ${env:X}\""), env: new() { ["X"] = "x" });
        var value = config.Providers["openai"].Config!.Require("template");
        Assert.Equal("cost ${env:HOME} and $$5 and x", value.GetString());
    }

    [Fact]
    public void An_escape_alone_is_not_sensitive()
    {
        var config = ParseWith(Provider("note: \"$${env:HOME}\""));
        var note = config.Providers["openai"].Config!.Require("note");
        Assert.Equal("${env:HOME}", note.GetString());
        Assert.False(note.IsSensitive);
    }

    [Fact]
    public void Substitution_reaches_every_section()
    {
        var config = ParseWith(Base + "pools:\n  chat:\n    capability: ${env:CAP}\n    failure_threshold: ${env:N}\nbudget: { daily_limit: \"${env:LIMIT}\" }\n",
            env: new() { ["CAP"] = "chat-completion", ["N"] = "4", ["LIMIT"] = "7.5" });
        Assert.Equal("generation.text-generation.chat-completion", config.Pools["chat"].Capability);
        Assert.Equal(4, config.Pools["chat"].FailureThreshold);
        Assert.Equal(7.5m, config.Budget!.DailyLimit);
    }

    [Fact]
    public void A_missing_env_variable_names_the_variable_and_key_path()
    {
        var ex = FailsWith(Provider("base_url: http://${env:API_HOST}/v1"));
        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(5, ex.Line);
        Assert.Equal("providers.openai.config.base_url", ex.KeyPath);
        Assert.Equal("Unresolved reference '${env:API_HOST}': environment variable 'API_HOST' is not set.", ex.Detail);
    }

    [Fact]
    public void A_missing_secret_names_the_secret_and_store_but_never_a_value()
    {
        var store = Secrets(("PRESENT", SecretValue));
        var ex = FailsWith(Provider("api_key: \"${secrets:PRESENT}-${secrets:ABSENT}\""), store);

        Assert.Equal("providers.openai.config.api_key", ex.KeyPath);
        Assert.Equal("Unresolved reference '${secrets:ABSENT}': secret 'ABSENT' was not found in secret store 'modelmesh.memory-secrets.v1'.", ex.Detail);
        Assert.DoesNotContain(SecretValue, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_from_a_secret_is_reported_without_the_value()
    {
        var ex = FailsWith(Base + "pools:\n  chat:\n    capability: chat-completion\n    failure_threshold: ${secrets:THRESHOLD}\n",
            Secrets(("THRESHOLD", SecretValue)));

        Assert.Equal("pools.chat.failure_threshold", ex.KeyPath);
        Assert.Equal("Expected a whole number from 1 to 1000000, found the value of ${secrets:THRESHOLD}.", ex.Detail);
        Assert.DoesNotContain(SecretValue, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unresolved_reference_is_reported()
    {
        var ex = FailsWith(Provider("api_key: ${secrets:A}") + "  other:\n    connector: ${env:B}\n");
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Message.Contains("'${secrets:A}'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'${env:B}'", StringComparison.Ordinal) && p.Location.KeyPath == "providers.other.connector");
    }

    [Fact]
    public void Unresolved_references_in_a_disabled_provider_are_left_as_written()
    {
        var config = ParseWith("providers:\n  spare:\n    connector: x\n    enabled: false\n    api_key: ${secrets:NOT_HERE}\n");
        var key = config.Providers["spare"].Config!.Require("api_key");
        Assert.Equal("${secrets:NOT_HERE}", key.GetString());
        Assert.False(config.Providers["spare"].Enabled);

        var enabled = FailsWith("providers:\n  spare:\n    connector: x\n    api_key: ${secrets:NOT_HERE}\n");
        Assert.Equal("providers.spare.api_key", enabled.KeyPath);
    }

    [Theory]
    [InlineData("${vault:KEY}", "Invalid reference '${vault:KEY}'")]
    [InlineData("${KEY}", "Invalid reference '${KEY}'")]
    [InlineData("${env:}", "Invalid reference '${env:}'")]
    [InlineData("abc ${env:KEY", "Unterminated reference '${env:KEY'")]
    public void Malformed_references_are_errors(string value, string message)
    {
        var ex = FailsWith(Provider($"api_key: \"{value}\""), env: new() { ["KEY"] = "k" });
        Assert.StartsWith(message, ex.Detail, StringComparison.Ordinal);
        Assert.Equal("providers.openai.config.api_key", ex.KeyPath);
    }

    [Fact]
    public void The_secrets_section_can_use_env_but_not_secrets()
    {
        var dir = Directory.CreateTempSubdirectory("modelmesh-dotenv-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "keys.env"), $"OPENAI_API_KEY={SecretValue}\n");
            var yaml = "secrets:\n  store: modelmesh.dotenv.v1\n  config: { path: \"${env:SECRETS_DIR}/keys.env\" }\n" + Provider("api_key: ${secrets:OPENAI_API_KEY}");
            var config = ParseWith(yaml, env: new() { ["SECRETS_DIR"] = dir.FullName });
            Assert.Equal(SecretValue, config.Providers["openai"].Config!.Require("api_key").GetString());
            Assert.Equal(dir.FullName + "/keys.env", config.Secrets.Config!.Require("path").GetString());

            var ex = FailsWith("secrets:\n  store: modelmesh.dotenv.v1\n  config: { path: \"${secrets:PATH}\" }\n");
            Assert.Equal("secrets.config.path", ex.KeyPath);
            Assert.Contains("cannot be used inside the 'secrets' section", ex.Detail, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_store_that_cannot_be_built_reports_both_problems()
    {
        var ex = FailsWith("secrets: { store: modelmesh.json-secrets.v1 }\n" + Provider("api_key: ${secrets:K}"));
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Message == "Required key 'file_path' is missing.");
        Assert.Contains(ex.Problems, p => p.Message.Contains("the secret store could not be created", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_store_is_reported_without_crashing_the_load()
    {
        var ex = FailsWith(Provider("api_key: ${secrets:K}"), new ThrowingStore());
        Assert.Contains("secret store 'test.throwing.v1' failed to look it up (InvalidOperationException: backend down)", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asynchronous_store_works_through_the_async_entry_points()
    {
        var config = await MeshConfiguration.ParseAsync(Provider("api_key: ${secrets:K}"), Source,
            new ConfigurationLoadOptions { SecretStore = new SlowStore(), Environment = _ => null });
        Assert.Equal("slow-K", config.Providers["openai"].Config!.Require("api_key").GetString());
    }

    private sealed class ThrowingStore() : BaseSecretStore(null)
    {
        public override string ConnectorId => "test.throwing.v1";

        protected override ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("backend down");
    }

    private sealed class SlowStore() : BaseSecretStore(null)
    {
        public override string ConnectorId => "test.slow.v1";

        protected override async ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken)
        {
            await Task.Delay(10, cancellationToken);
            return "slow-" + name;
        }
    }
}
