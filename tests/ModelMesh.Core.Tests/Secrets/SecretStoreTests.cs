using Microsoft.Extensions.Time.Testing;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Secrets;

public sealed class SecretStoreTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("modelmesh-secrets-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Env_store_reads_variables_with_an_optional_prefix()
    {
        var env = new Dictionary<string, string> { ["MODELMESH_KEY"] = "prefixed", ["KEY"] = "plain", ["EMPTY"] = "" };
        Func<string, string?> lookup = n => env.TryGetValue(n, out var v) ? v : null;

        Assert.Equal("plain", await new EnvSecretStore(environment: lookup).ResolveAsync("KEY"));
        Assert.Equal("prefixed", await new EnvSecretStore("MODELMESH_", lookup).ResolveAsync("KEY"));
        Assert.Null(await new EnvSecretStore(environment: lookup).TryResolveAsync("EMPTY"));
        var ex = await Assert.ThrowsAsync<SecretNotFoundException>(async () => await new EnvSecretStore("MM_", lookup).ResolveAsync("OTHER"));
        Assert.Contains("environment variable 'MM_OTHER'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_store_defaults_to_the_process_environment()
    {
        var name = "MODELMESH_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            Assert.Equal("from-process", await new EnvSecretStore().ResolveAsync(name));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Dotenv_store_parses_quotes_comments_and_export()
    {
        var path = WriteFile(".env", """
            # a comment
            PLAIN=value one   # trailing comment
            export EXPORTED=yes
            SINGLE='literal \n #not-a-comment'
            DOUBLE="line1\nline2 \"quoted\""
            MULTI="first
            second"
            URL=https://host/path#fragment
            SPACED = padded
            EMPTY=
            not a line at all
            PLAIN=second wins
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var store = new DotenvSecretStore(path);

        Assert.Equal("second wins", await store.ResolveAsync("PLAIN"));
        Assert.Equal("yes", await store.ResolveAsync("EXPORTED"));
        Assert.Equal("literal \\n #not-a-comment", await store.ResolveAsync("SINGLE"));
        Assert.Equal("line1\nline2 \"quoted\"", await store.ResolveAsync("DOUBLE"));
        Assert.Equal("first\nsecond", await store.ResolveAsync("MULTI"));
        Assert.Equal("https://host/path#fragment", await store.ResolveAsync("URL"));
        Assert.Equal("padded", await store.ResolveAsync("SPACED"));
        Assert.Equal("", await store.ResolveAsync("EMPTY"));
    }

    [Fact]
    public async Task Dotenv_store_with_a_missing_file_has_no_secrets_and_says_so()
    {
        var store = new DotenvSecretStore(Path.Combine(_dir.FullName, "absent.env"));
        var ex = await Assert.ThrowsAsync<SecretNotFoundException>(async () => await store.ResolveAsync("KEY"));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Equal("./.env", new DotenvSecretStore().Path);
    }

    [Fact]
    public async Task Dotenv_store_sees_edits_after_the_cache_expires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var path = WriteFile("rotating.env", "KEY=old\n");
        var store = new DotenvSecretStore(path, new SecretStoreOptions { TimeProvider = clock, CacheTtl = TimeSpan.FromSeconds(10) });
        Assert.Equal("old", await store.ResolveAsync("KEY"));
        File.WriteAllText(path, "KEY=new\n");
        Assert.Equal("old", await store.ResolveAsync("KEY"));
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("new", await store.ResolveAsync("KEY"));
    }

    [Fact]
    public async Task Json_store_reads_scoped_and_dotted_names()
    {
        var path = WriteFile("secrets.json", """
            {
              "production": {
                "keys": { "OPENAI_API_KEY": "sk-prod", "port": 8443, "flag": true, "nested": { "deep": "d" }, "list": [1] }
              },
              "top": "t"
            }
            """);

        var scoped = new JsonSecretStore(path, "production.keys");
        Assert.Equal("sk-prod", await scoped.ResolveAsync("OPENAI_API_KEY"));
        Assert.Equal("8443", await scoped.ResolveAsync("port"));
        Assert.Equal("true", await scoped.ResolveAsync("flag"));
        Assert.Equal("d", await scoped.ResolveAsync("nested.deep"));
        Assert.Null(await scoped.TryResolveAsync("list"));
        Assert.Null(await scoped.TryResolveAsync("nested"));

        var root = new JsonSecretStore(path);
        Assert.Equal("t", await root.ResolveAsync("top"));
        Assert.Equal("sk-prod", await root.ResolveAsync("production.keys.OPENAI_API_KEY"));
        var ex = await Assert.ThrowsAsync<SecretNotFoundException>(async () => await new JsonSecretStore(path, "staging").ResolveAsync("top"));
        Assert.Contains("under 'staging'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_store_reports_bad_json_by_line_without_content()
    {
        var path = WriteFile("bad.json", "{\n  \"KEY\": \"sk-secret-in-file\",\n  oops\n}");
        var ex = await Assert.ThrowsAsync<ConfigurationException>(async () => await new JsonSecretStore(path).ResolveAsync("KEY"));
        Assert.Equal(path, ex.FilePath);
        Assert.Equal(3, ex.Line);
        Assert.DoesNotContain("sk-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_store_supports_set_list_and_delete()
    {
        var store = new MemorySecretStore([KeyValuePair.Create("B", "b"), KeyValuePair.Create("A", "a")]);
        Assert.Equal(["A", "B"], store.List());
        Assert.Equal("a", await store.ResolveAsync("A"));

        store.Set("A", "a2");
        Assert.Equal("a2", await store.ResolveAsync("A")); // set invalidates the cached value

        Assert.True(store.Delete("A"));
        Assert.False(store.Delete("A"));
        Assert.Null(await store.TryResolveAsync("A"));
        Assert.Equal(["B"], store.List());
        ISecretManagement management = store;
        management.Set("C", "c");
        Assert.Equal(["B", "C"], management.List());
    }
}
