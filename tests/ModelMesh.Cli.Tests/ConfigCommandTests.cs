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

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Check_shows_the_pools_of_a_good_file()
    {
        var path = Write(Config);

        var (code, output, _) = await RunAsync("check", "--config", path);

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
}
