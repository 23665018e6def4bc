using ModelMesh.Cdk;
using ModelMesh.Cli.Meshes;
using ModelMesh.Testing;

namespace ModelMesh.Cli.Tests.Chat;

public sealed class ChatCommandTests : IAsyncLifetime
{
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

    // Two chat models; a is cheaper, so cost-first tries it first and fails over to b.
    private string Config() => _config.Write($$"""
        providers:
          a: { connector: openai-compatible, config: { base_url: "{{_a.BaseUrl}}", api_key: "sk-a-secret-0123456789" } }
          b: { connector: openai-compatible, config: { base_url: "{{_b.BaseUrl}}" } }
        models:
          a.m: { provider: a, capabilities: [chat-completion], pricing: { input_per_1k: 0.0001, output_per_1k: 0.0002 } }
          b.m: { provider: b, capabilities: [chat-completion], pricing: { input_per_1k: 0.01, output_per_1k: 0.03 } }
        pools:
          chat: { capability: chat-completion, strategy: cost-first, retry: { max_attempts: 1 } }
        """);

    private static CliHost Terminal(string typed) => new() { Input = new StringReader(typed), InputIsTerminal = true };

    [Fact]
    public async Task A_question_streams_the_reply_through_the_mesh_with_failover()
    {
        _a.Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 500, "application/json", "{\"error\":{\"message\":\"down\"}}"u8.ToArray()));
        _b.EnqueueSse(Replies.Stream("Mount", " Everest."));

        var (code, output, error) = await CliRun.RunAsync("chat", "--config", Config(), "--model", "chat", "What", "is", "the", "tallest", "mountain?");

        Assert.True(code == 0, error);
        Assert.Equal("Mount Everest.\n", output.ReplaceLineEndings("\n"));
        Assert.NotEmpty(_a.Requests);
        Assert.Contains("\"content\":\"What is the tallest mountain?\"", Assert.Single(_b.Requests).Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_question_a_redirected_stdin_is_the_question()
    {
        _a.EnqueueSse(Replies.Stream("Four."));

        var (code, output, error) = await CliRun.WithInputAsync("What is two plus two?\n", "chat", "--config", Config(), "--system", "Be brief.");

        Assert.True(code == 0, error);
        Assert.Equal("Four.", output.Trim());
        var body = Assert.Single(_a.Requests).Body!;
        Assert.Contains("\"content\":\"What is two plus two?\"", body, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"system\",\"content\":\"Be brief.\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_stdin_and_no_question_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.WithInputAsync("  \n", "chat", "--config", Config());

        Assert.Equal(2, code);
        Assert.Contains("No question", error, StringComparison.Ordinal);
        Assert.Empty(_a.Requests);
    }

    [Fact]
    public async Task The_conversation_is_remembered_until_reset_which_keeps_the_system_prompt()
    {
        _a.EnqueueSse(Replies.Stream("Hi Ada."));
        _a.EnqueueSse(Replies.Stream("Your name is Ada."));
        _a.EnqueueSse(Replies.Stream("I do not know."));

        var (code, output, error) = await CliRun.RunAsync(
            Terminal("My name is Ada.\nWhat is my name?\n/reset\nWhat is my name?\n/exit\nnever sent\n"),
            "chat", "--config", Config(), "--system", "You are kind.");

        Assert.True(code == 0, error);
        Assert.Contains("Hi Ada.", output, StringComparison.Ordinal);
        Assert.Contains("Your name is Ada.", output, StringComparison.Ordinal);
        Assert.Contains("conversation forgotten", output, StringComparison.Ordinal);
        var bodies = _a.Requests.Select(r => r.Body!).ToArray();
        Assert.Equal(3, bodies.Length);
        // The second turn carries the whole exchange so far.
        Assert.Contains("\"content\":\"My name is Ada.\"", bodies[1], StringComparison.Ordinal);
        Assert.Contains("\"role\":\"assistant\",\"content\":\"Hi Ada.\"", bodies[1], StringComparison.Ordinal);
        // After /reset: the system prompt and the new question only.
        Assert.DoesNotContain("Ada", bodies[2], StringComparison.Ordinal);
        Assert.Contains("\"role\":\"system\",\"content\":\"You are kind.\"", bodies[2], StringComparison.Ordinal);
        Assert.All(bodies, b => Assert.DoesNotContain("never sent", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_end_of_input_ends_the_conversation()
    {
        _a.EnqueueSse(Replies.Stream("Hello."));

        var (code, output, error) = await CliRun.RunAsync(Terminal("Hello\n"), "chat", "--config", Config());

        Assert.True(code == 0, error);
        Assert.Contains("Hello.", output, StringComparison.Ordinal);
        Assert.Single(_a.Requests);
    }

    [Fact]
    public async Task Interactive_reads_a_redirected_stdin_turn_by_turn()
    {
        _a.EnqueueSse(Replies.Stream("One."));
        _a.EnqueueSse(Replies.Stream("Two."));

        var (code, output, error) = await CliRun.WithInputAsync("first\nsecond\n", "chat", "--config", Config(), "--interactive");

        Assert.True(code == 0, error);
        Assert.Contains("One.", output, StringComparison.Ordinal);
        Assert.Contains("Two.", output, StringComparison.Ordinal);
        Assert.Contains("\"content\":\"first\"", _a.Requests[1].Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_turn_is_reported_and_forgotten_and_the_loop_goes_on()
    {
        // A request the upstream rejects as invalid is the request's fault: no failover, the model stays active.
        _a.EnqueueJson(Replies.Error("bad request", "invalid_request_error"), status: 400);
        _a.EnqueueSse(Replies.Stream("Fine."));

        var (code, output, error) = await CliRun.RunAsync(Terminal("broken\nworking\n/exit\n"), "chat", "--config", Config());

        Assert.True(code == 0, error);
        Assert.Contains("error: ", error, StringComparison.Ordinal);
        Assert.Contains("Fine.", output, StringComparison.Ordinal);
        var second = _a.Requests[^1].Body!;
        Assert.DoesNotContain("broken", second, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-a-secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_slash_command_is_not_sent()
    {
        var (code, _, error) = await CliRun.RunAsync(Terminal("/rset\n/exit\n"), "chat", "--config", Config());

        Assert.Equal(0, code);
        Assert.Contains("Unknown command '/rset'", error, StringComparison.Ordinal);
        Assert.Empty(_a.Requests);
    }

    [Fact]
    public async Task A_model_the_mesh_does_not_have_fails_with_a_clear_message()
    {
        var (code, output, error) = await CliRun.RunAsync("chat", "--config", Config(), "--model", "chta", "hello");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("'chta'", error, StringComparison.Ordinal);
        Assert.Empty(_a.Requests);
    }

    [Fact]
    public async Task An_interrupted_stream_prints_what_came_and_fails()
    {
        _a.EnqueueSse(Replies.Unfinished("Half", " an"));

        var (code, output, error) = await CliRun.RunAsync("chat", "--config", Config(), "hello");

        Assert.Equal(1, code);
        Assert.Equal("Half an", output.Trim());
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_config_the_default_mesh_is_used_and_a_simulated_one_says_so_on_stderr()
    {
        _b.EnqueueSse(Replies.Stream("Simulated answer."));
        var opened = 0;
        var host = new CliHost
        {
            Input = TextReader.Null,
            OpenDefaultMesh = _ =>
            {
                opened++;
                var client = new MeshBuilder()
                    .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("sim", _b.BaseUrl)))
                    .AddModels(new ModelDefinition { Id = "sim.m", ProviderId = "sim", Capabilities = ["chat-completion"] })
                    .AddPool(new PoolDefinition { Id = "chat-completion", Capability = "chat-completion" })
                    .Build();
                return new OpenedMesh(client, client, "SIMULATED provider banner", isSimulated: true);
            },
        };

        var (code, output, error) = await CliRun.RunAsync(host, "chat", "hello");

        Assert.True(code == 0, error);
        Assert.Equal(1, opened);
        Assert.Equal("Simulated answer.", output.Trim());
        Assert.Contains("SIMULATED provider banner", error, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"m\"", Assert.Single(_b.Requests).Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_provider_in_the_environment_the_embedded_default_is_the_simulated_provider()
    {
        var host = new CliHost { Input = TextReader.Null, Environment = _ => null };

        var (code, output, error) = await CliRun.RunAsync(host, "chat", "Hello", "there");

        Assert.True(code == 0, error);
        Assert.NotEmpty(output.Trim());
        Assert.Contains("SIMULATED", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_default_converses_and_remembers()
    {
        var host = new CliHost { Input = new StringReader("first question\nsecond question\n/exit\n"), InputIsTerminal = true, Environment = _ => null };

        var (code, output, error) = await CliRun.RunAsync(host, "chat", "--system", "Be brief.");

        Assert.True(code == 0, error);
        Assert.Contains("SIMULATED", output, StringComparison.Ordinal); // the banner opens the conversation
        Assert.Equal(3, output.Split(ChatLoopPrompt).Length - 1);
        Assert.Empty(error);
    }

    private const string ChatLoopPrompt = "you> ";

    [Fact]
    public async Task Base_url_and_config_together_are_a_usage_error()
    {
        var (code, _, error) = await CliRun.RunAsync("chat", "--config", Config(), "--base-url", _a.BaseUrl.ToString(), "--model", "m", "hi");

        Assert.Equal(2, code);
        Assert.Contains("--base-url and --config cannot be used together", error, StringComparison.Ordinal);
    }
}
