using Microsoft.Extensions.Time.Testing;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Secrets;

public class SecretStoresRegistryTests
{
    private static ConnectorSettings Config(string yaml) => ConnectorSettings.Parse(yaml, "secrets.yaml");

    [Fact]
    public void Known_ids_are_the_four_built_in_stores()
    {
        Assert.Equal(["modelmesh.env.v1", "modelmesh.dotenv.v1", "modelmesh.json-secrets.v1", "modelmesh.memory-secrets.v1"], SecretStores.KnownIds);
    }

    [Fact]
    public async Task Creates_each_store_from_its_config()
    {
        var env = Assert.IsType<EnvSecretStore>(SecretStores.Create("modelmesh.env.v1", Config("prefix: MM_"), n => n == "MM_K" ? "e" : null));
        Assert.Equal("e", await env.ResolveAsync("K"));

        var dotenv = Assert.IsType<DotenvSecretStore>(SecretStores.Create("modelmesh.dotenv.v1", Config("path: /tmp/x.env")));
        Assert.Equal("/tmp/x.env", dotenv.Path);
        Assert.Equal("./.env", Assert.IsType<DotenvSecretStore>(SecretStores.Create("modelmesh.dotenv.v1")).Path);

        var json = Assert.IsType<JsonSecretStore>(SecretStores.Create("modelmesh.json-secrets.v1", Config("file_path: s.json\njson_path: a.b")));
        Assert.Equal("s.json", json.FilePath);
        Assert.Equal("a.b", json.JsonPath);

        var memory = Assert.IsType<MemorySecretStore>(SecretStores.Create("modelmesh.memory-secrets.v1", Config("secrets: { A: '1', B: two }")));
        Assert.Equal(["A", "B"], memory.List());
        Assert.Equal("two", await memory.ResolveAsync("B"));
    }

    [Fact]
    public void Common_options_are_read()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = SecretStores.Create("modelmesh.env.v1", Config("cache_enabled: false\ncache_ttl_ms: 1500\nfail_on_missing: false"), timeProvider: clock);
        Assert.False(store.Options.CacheEnabled);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), store.Options.CacheTtl);
        Assert.False(store.Options.FailOnMissing);
        Assert.Same(clock, store.Options.TimeProvider);
        Assert.Equal(TimeSpan.FromMinutes(2), SecretStores.Create("modelmesh.env.v1", Config("cache_ttl: 2m")).Options.CacheTtl);
    }

    [Fact]
    public void Both_ttl_forms_at_once_is_an_error()
    {
        var ex = Assert.Throws<ConfigurationException>(() => SecretStores.Create("modelmesh.env.v1", Config("cache_ttl_ms: 1\ncache_ttl: 1s")));
        Assert.Equal("cache_ttl", ex.KeyPath);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void An_unknown_id_lists_the_known_ones()
    {
        var ex = Assert.Throws<ConfigurationException>(() => SecretStores.Create("modelmesh.dotenv.v2"));
        Assert.Equal("Unknown secret store 'modelmesh.dotenv.v2'. Did you mean 'modelmesh.dotenv.v1'? Known stores: modelmesh.env.v1, modelmesh.dotenv.v1, modelmesh.json-secrets.v1, modelmesh.memory-secrets.v1.", ex.Detail);
    }

    [Fact]
    public void Unknown_and_missing_keys_are_errors()
    {
        var unknown = Assert.Throws<ConfigurationException>(() => SecretStores.Create("modelmesh.dotenv.v1", Config("file_path: x")));
        Assert.StartsWith("Unknown key 'file_path'.", unknown.Detail, StringComparison.Ordinal);
        var missing = Assert.Throws<ConfigurationException>(() => SecretStores.Create("modelmesh.json-secrets.v1", Config("json_path: a")));
        Assert.Equal("Required key 'file_path' is missing.", missing.Detail);
    }
}
