using Microsoft.Extensions.Time.Testing;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Secrets;

public class BaseSecretStoreTests
{
    private sealed class CountingStore(SecretStoreOptions? options) : BaseSecretStore(options)
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public int Lookups { get; private set; }

        public override string ConnectorId => "test.counting.v1";

        protected override ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken)
        {
            Lookups++;
            return ValueTask.FromResult(Values.TryGetValue(name, out var v) ? v : null);
        }

        protected override string? DescribeLookup(string name) => $"test table row '{name}'";
    }

    [Fact]
    public async Task Values_are_cached_for_the_ttl_then_looked_up_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new CountingStore(new SecretStoreOptions { TimeProvider = clock, CacheTtl = TimeSpan.FromSeconds(300) });
        store.Values["K"] = "v1";

        Assert.Equal("v1", await store.ResolveAsync("K"));
        store.Values["K"] = "v2";
        clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal("v1", await store.ResolveAsync("K"));
        Assert.Equal(1, store.Lookups);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("v2", await store.ResolveAsync("K"));
        Assert.Equal(2, store.Lookups);
    }

    [Fact]
    public void Default_ttl_is_300_seconds_and_fail_on_missing_is_on()
    {
        var options = new SecretStoreOptions();
        Assert.Equal(TimeSpan.FromSeconds(300), options.CacheTtl);
        Assert.True(options.CacheEnabled);
        Assert.True(options.FailOnMissing);
    }

    [Fact]
    public async Task Caching_can_be_turned_off()
    {
        var store = new CountingStore(new SecretStoreOptions { CacheEnabled = false });
        store.Values["K"] = "v";
        await store.ResolveAsync("K");
        await store.ResolveAsync("K");
        Assert.Equal(2, store.Lookups);
    }

    [Fact]
    public async Task Misses_are_not_cached()
    {
        var store = new CountingStore(null);
        Assert.Null(await store.TryResolveAsync("K"));
        store.Values["K"] = "late";
        Assert.Equal("late", await store.TryResolveAsync("K"));
    }

    [Fact]
    public async Task Missing_secret_throws_when_fail_on_missing_naming_where_it_looked()
    {
        var store = new CountingStore(null);
        var ex = await Assert.ThrowsAsync<SecretNotFoundException>(async () => await store.ResolveAsync("API_KEY"));
        Assert.Equal("Secret 'API_KEY' was not found in secret store 'test.counting.v1' (test table row 'API_KEY').", ex.Message);
        Assert.Equal("API_KEY", ex.SecretName);
        Assert.Equal("test.counting.v1", ex.StoreId);
    }

    [Fact]
    public async Task Missing_secret_is_null_without_fail_on_missing()
    {
        var store = new CountingStore(new SecretStoreOptions { FailOnMissing = false });
        Assert.Null(await store.ResolveAsync("API_KEY"));
    }

    [Fact]
    public void TryResolve_is_the_synchronous_form()
    {
        var store = new CountingStore(null);
        store.Values["K"] = "v";
        Assert.True(store.TryResolve("K", out var value));
        Assert.Equal("v", value);
        Assert.False(store.TryResolve("missing", out _));
    }

    [Fact]
    public async Task Invalidate_forgets_one_or_all()
    {
        var store = new CountingStore(null);
        store.Values["A"] = "a";
        store.Values["B"] = "b";
        await store.ResolveAsync("A");
        await store.ResolveAsync("B");
        store.Invalidate("A");
        await store.ResolveAsync("A");
        await store.ResolveAsync("B");
        Assert.Equal(3, store.Lookups);
        store.Invalidate();
        await store.ResolveAsync("B");
        Assert.Equal(4, store.Lookups);
    }

    [Fact]
    public async Task ToString_never_shows_a_value()
    {
        var store = new MemorySecretStore([KeyValuePair.Create("K", "super-secret-value")]);
        await store.ResolveAsync("K");
        Assert.Equal("MemorySecretStore (modelmesh.memory-secrets.v1)", store.ToString());
    }

    [Fact]
    public async Task Empty_names_are_rejected()
    {
        var store = new CountingStore(null);
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ResolveAsync(""));
    }
}
