using ModelMesh.Testing;

namespace ModelMesh.Cli.Tests;

public class CliTests
{
    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Resolve_prints_the_documented_path()
    {
        var (code, output, _) = await RunAsync("resolve", "text-to-speech");
        Assert.Equal(0, code);
        Assert.Equal("generation.audio-generation.text-to-speech", output.Trim());
    }

    [Fact]
    public async Task Resolve_of_a_typo_fails_with_the_suggestion()
    {
        var (code, _, error) = await RunAsync("resolve", "chat-compleshun");
        Assert.Equal(1, code);
        Assert.Contains("Did you mean 'chat-completion'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capabilities_search_lists_matching_leaves()
    {
        var (code, output, _) = await RunAsync("capabilities", "--search", "speech");
        Assert.Equal(0, code);
        var paths = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToArray();
        Assert.Equal(["generation.audio-generation.text-to-speech", "understanding.audio-understanding.speech-to-text"], paths);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("Unrecognized command or argument 'frobnicate'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (code, output, _) = await RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        foreach (var command in new[] { "capabilities", "resolve", "check", "explain", "models", "chat" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_commands_help_lists_its_options_instead_of_asking_for_a_value()
    {
        var (code, output, error) = await RunAsync("chat", "--help");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("--base-url <URL>", output, StringComparison.Ordinal);
        Assert.Contains("--api-key-env <VAR>", output, StringComparison.Ordinal);
        Assert.Contains("<QUESTION>", output, StringComparison.Ordinal);
        Assert.Contains("--config <FILE>", output, StringComparison.Ordinal);
        Assert.Contains("--interactive", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_tools_version()
    {
        var (code, output, _) = await RunAsync("--version");

        Assert.Equal(0, code);
        var version = typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal(version, output.Trim());
        Assert.StartsWith("0.", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_flag_is_a_usage_error_that_names_it()
    {
        var (code, _, error) = await RunAsync("capabilities", "--serch", "speech");

        Assert.Equal(2, code);
        Assert.Contains("'--serch'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_base_url_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("chat", "--base-url", "ftp://x", "--model", "m", "hello");

        Assert.Equal(2, code);
        Assert.Contains("--base-url must be an absolute http(s) URL; got 'ftp://x'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_streams_the_reply_from_an_openai_compatible_endpoint()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueSse(
            "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n" +
            "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"},\"finish_reason\":\"stop\"}]}\n\n" +
            "data: [DONE]\n\n");

        var (code, output, _) = await RunAsync("chat", "--base-url", upstream.BaseUrl.ToString(), "--model", "local", "--system", "Be brief.", "Say", "hi");

        Assert.Equal(0, code);
        Assert.Equal("Hello there", output.Trim());
        var body = Assert.Single(upstream.Requests).Body!;
        Assert.Contains("\"content\":\"Say hi\"", body, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"system\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_with_a_base_url_needs_the_endpoints_model_name()
    {
        var (code, _, error) = await RunAsync("chat", "--base-url", "http://127.0.0.1:9", "hello");
        Assert.Equal(2, code);
        Assert.Contains("--base-url needs --model", error, StringComparison.Ordinal);
    }
}
