using Microsoft.Extensions.Logging;
using ModelMesh.Cdk;
using ModelMesh.Gateway;
using ModelMesh.Testing;

namespace ModelMesh.Cli.Tests.Status;

public sealed class ModelsCommandTests : IAsyncLifetime
{
    private const string Token = "gw-token-0123456789";
    private readonly TempConfig _config = new();
    private LoopbackUpstream _a = null!;
    private LoopbackUpstream _b = null!;

    public async Task InitializeAsync()
    {
        _a = await LoopbackUpstream.StartAsync();
        _b = await LoopbackUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _config.Dispose();
    }

    private string Config() => _config.Write($$"""
        providers:
          a: { connector: openai-compatible, config: { base_url: "{{_a.BaseUrl}}" } }
          b: { connector: openai-compatible, config: { base_url: "{{_b.BaseUrl}}" } }
        models:
          a.m: { provider: a, capabilities: [chat-completion], pricing: { input_per_1k: 0.0001, output_per_1k: 0.0002 } }
          b.m: { provider: b, capabilities: [chat-completion], pricing: { input_per_1k: 0.01, output_per_1k: 0.03 } }
        pools:
          chat: { capability: chat-completion, strategy: cost-first }
        """);

    private static string[] Row(string output, string model) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(model))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task A_config_files_pools_models_and_providers_are_a_plain_table()
    {
        var (code, output, error) = await CliRun.RunAsync("models", "--config", Config());

        Assert.True(code == 0, error);
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("pool chat (modelmesh.cost-first.v1", output, StringComparison.Ordinal);
        Assert.Contains("2 active, 0 standby", output, StringComparison.Ordinal);
        Assert.Contains("MODEL", output, StringComparison.Ordinal);
        Assert.Equal(["*", "a.m", "a", "active", "0", "0", "0.00", "-"], Row(output, "a.m"));
        Assert.Equal(["b.m", "b", "active", "0", "0", "0.00", "-"], Row(output, "b.m"));
        Assert.Empty(_a.Requests); // read locally: nothing is sent
    }

    [Fact]
    public async Task Without_a_config_the_embedded_defaults_models_are_shown()
    {
        var (code, output, error) = await CliRun.RunAsync(new CliHost { Input = TextReader.Null, Environment = _ => null }, "models");

        Assert.True(code == 0, error);
        Assert.Contains("SIMULATED", error, StringComparison.Ordinal);
        Assert.StartsWith("embedded mesh", output, StringComparison.Ordinal);
        Assert.Contains("pool chat-completion", output, StringComparison.Ordinal);
        Assert.Contains("simulated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Colour_only_on_a_terminal_and_never_with_NO_COLOR()
    {
        var path = Config();
        var terminal = new CliHost { Input = TextReader.Null, OutputIsTerminal = true, Environment = _ => null };
        var noColor = terminal with { Environment = name => name == "NO_COLOR" ? "1" : null };

        var (_, coloured, _) = await CliRun.RunAsync(terminal, "models", "--config", path);
        var (_, plain, _) = await CliRun.RunAsync(noColor, "models", "--config", path);

        Assert.Contains("\u001b[32mactive\u001b[0m", coloured, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', plain);
    }

    [Fact]
    public async Task A_running_gateways_status_is_read_with_its_token()
    {
        await using var gateway = await GatewayAsync();
        _a.EnqueueJson(ChatCompletion);
        await gateway.Mesh.Chat.Completions.CreateAsync(new ChatCompletionRequest { Model = "chat", Messages = [ChatMessage.User("hi")] });
        gateway.Mesh.Deactivate("b.m");

        var (code, output, error) = await CliRun.RunAsync("models", "--url", gateway.Server.Address!.ToString(), "--token", Token);

        Assert.True(code == 0, error);
        Assert.Contains(gateway.Server.Address!.GetLeftPart(UriPartial.Authority), output, StringComparison.Ordinal);
        Assert.Contains("pool chat", output, StringComparison.Ordinal);
        Assert.Contains("1 active, 1 standby", output, StringComparison.Ordinal);
        Assert.Equal(["*", "a.m", "a", "active", "1", "0", "0.00"], Row(output, "a.m")[..7]);
        Assert.Equal(["b.m", "b", "standby", "(Manual)", "0", "0", "0.00", "-"], Row(output, "b.m"));
        Assert.DoesNotContain(Token, output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-token-0123456789", "refused the token given with --token (HTTP 401)")]
    [InlineData(null, "requires a token for /admin/status (HTTP 401)")]
    public async Task A_gateway_that_refuses_the_token_fails_with_a_clear_message(string? token, string message)
    {
        await using var gateway = await GatewayAsync();
        string[] args = token is null
            ? ["models", "--url", gateway.Server.Address!.ToString()]
            : ["models", "--url", gateway.Server.Address!.ToString(), "--token", token];

        var (code, output, error) = await CliRun.RunAsync(args);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_body_of_another_shape_names_the_json_path()
    {
        _a.EnqueueJson("""{"version":"x","pools":[{"id":"chat","strategy":"s","models":[{"id":"m","provider":"p","status":"sleeping"}]}]}""");

        var (code, _, error) = await CliRun.RunAsync("models", "--url", _a.BaseUrl.ToString());

        Assert.Equal(1, code);
        Assert.Contains("$.pools[0].models[0].status is 'sleeping', expected \"active\" or \"standby\"", error, StringComparison.Ordinal);
        Assert.Equal("/admin/status", Assert.Single(_a.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_gateway_that_cannot_be_reached_fails_with_a_clear_message()
    {
        var (code, _, error) = await CliRun.RunAsync("models", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, code);
        Assert.StartsWith("error: Could not read the status of the gateway at http://127.0.0.1:9", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_and_config_together_are_a_usage_error()
    {
        var (code, _, error) = await CliRun.RunAsync("models", "--url", "http://127.0.0.1:9", "--config", Config());

        Assert.Equal(2, code);
        Assert.Contains("--url and --config cannot be used together", error, StringComparison.Ordinal);
    }

    private const string ChatCompletion =
        """{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

    private async Task<RunningGateway> GatewayAsync()
    {
        var mesh = new MeshBuilder()
            .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("a", _a.BaseUrl)))
            .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("b", _b.BaseUrl)))
            .AddModels(
                new ModelDefinition { Id = "a.m", ProviderId = "a", Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.0001m, 0.0002m) },
                new ModelDefinition { Id = "b.m", ProviderId = "b", Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.01m, 0.03m) })
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion", Strategy = "cost-first" })
            .Build();
        var server = GatewayServer.Create(mesh, new GatewayOptions { Port = 0, Tokens = [Token], LogLevel = LogLevel.None });
        await server.StartAsync();
        return new RunningGateway(mesh, server);
    }

    private sealed record RunningGateway(MeshClient Mesh, GatewayServer Server) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Mesh.Dispose();
        }
    }
}
