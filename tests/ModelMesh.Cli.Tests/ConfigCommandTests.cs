namespace ModelMesh.Cli.Tests;

public sealed class ConfigCommandTests : IDisposable
{
    private const string Config = """
        providers:
          cheap: { connector: openai-compatible, config: { base_url: "http://127.0.0.1:9" } }
          dear:  { connector: openai-compatible, config: { base_url: "http://127.0.0.1:9" } }
        models:
          cheap.small: { provider: cheap, capabilities: [chat-completion], pricing: { input_per_1k: 0.0001, output_per_1k: 0.0002 } }
          dear.large:  { provider: dear,  capabilities: [chat-completion], pricing: { input_per_1k: 0.01, output_per_1k: 0.03 } }
        pools:
          chat: { capability: chat-completion, strategy: cost-first }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "modelmesh.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Check_shows_the_pools_of_a_good_file()
    {
        var path = Write(Config);

        var (code, output, _) = await RunAsync("check", "--config", path, "--no-probe");

        Assert.Equal(0, code);
        Assert.Contains("pool chat (modelmesh.cost-first.v1", output, StringComparison.Ordinal);
        Assert.Contains(path + ": ok (1 pool(s))", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_a_bad_file_names_the_line_and_key()
    {
        var path = Write(Config.Replace("strategy: cost-first", "strategy: cheapest", StringComparison.Ordinal));

        var (code, _, error) = await RunAsync("check", "--config", path);

        Assert.Equal(1, code);
        Assert.Contains("(8,", error, StringComparison.Ordinal);
        Assert.Contains("pools.chat.strategy", error, StringComparison.Ordinal);
        Assert.Contains("Unknown strategy 'cheapest'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_shows_every_candidate_and_the_choice_without_sending()
    {
        var (code, output, _) = await RunAsync("explain", "--config", Write(Config), "--model", "chat", "What is an API?");

        Assert.Equal(0, code);
        Assert.Contains("-> cheap.small", output, StringComparison.Ordinal);
        Assert.Contains("   dear.large", output, StringComparison.Ordinal);
        Assert.Contains("chosen: cheap.small (lowest estimated cost", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("check", "--config", Path.Combine(_dir, "absent.yaml"));

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_loads_connectors_from_the_users_assembly()
    {
        var path = Write("""
            providers:
              echo: { connector: clitest.echo.v1 }
            pools:
              chat: { capability: chat-completion }
            """);
        // Copied beside the tests and never touched by them, so only --assembly loads it.
        var assembly = Path.Combine(AppContext.BaseDirectory, "ModelMesh.Cli.Tests.Connector.dll");

        var (before, _, unknown) = await RunAsync("check", "--config", path);
        var (code, output, error) = await RunAsync("check", "--config", path, "--assembly", assembly, "--no-probe");

        Assert.Equal(1, before);
        Assert.Contains("'clitest.echo.v1', which is not registered", unknown, StringComparison.Ordinal);
        Assert.True(code == 0, error);
        Assert.Contains("echo.echo-1", output, StringComparison.Ordinal); // the connector's [ModelInfo] catalogue
        Assert.Contains(path + ": ok (1 pool(s))", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assembly_that_does_not_exist_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("check", "--config", Write(Config), "--assembly", Path.Combine(_dir, "absent.dll"));

        Assert.Equal(2, code);
        Assert.Contains("absent.dll' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_a_pool_no_model_can_serve_fails_at_the_pool()
    {
        var path = Write("""
            providers:
              local: { connector: openai-compatible, config: { base_url: "http://127.0.0.1:9" }, discover_models: false }
            pools:
              chat: { capability: chat-completion }
            """);

        // Without discover_models: false, an openai-compatible provider listing no models discovers them (issue 12).
        var (code, output, error) = await RunAsync("check", "--config", path);

        Assert.Equal(1, code);
        Assert.DoesNotContain(": ok", output, StringComparison.Ordinal);
        Assert.Contains("pools.chat", error, StringComparison.Ordinal);
        Assert.Contains("Pool 'chat' has no model", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_shows_the_catalogue_models_of_a_provider_without_models()
    {
        var path = Write("""
            providers:
              work: { connector: openai.llm.v1, config: { api_key: sk-test-0123456789, base_url: "http://127.0.0.1:9" } }
            pools:
              chat: { capability: chat-completion }
            """);

        var (code, output, error) = await RunAsync("check", "--config", path, "--no-probe");

        Assert.True(code == 0, error);
        Assert.Contains("work.gpt-4o-mini", output, StringComparison.Ordinal);
    }
}
