using ModelMesh.Testing;

namespace ModelMesh.Cli.Tests.Probing;

public sealed class CheckProbeTests : IAsyncLifetime
{
    private const string DeniedKey = "sk-denied-secret-0123456789";
    private readonly TempConfig _config = new();
    private LoopbackUpstream _good = null!;
    private LoopbackUpstream _denied = null!;
    private LoopbackUpstream _hung = null!;

    public async Task InitializeAsync()
    {
        _good = await LoopbackUpstream.StartAsync();
        _denied = await LoopbackUpstream.StartAsync();
        _hung = await LoopbackUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _good.DisposeAsync();
        await _denied.DisposeAsync();
        await _hung.DisposeAsync();
        _config.Dispose();
    }

    private string Config(params string[] providers)
    {
        var urls = new Dictionary<string, LoopbackUpstream> { ["good"] = _good, ["denied"] = _denied, ["hung"] = _hung };
        var lines = providers.Select(p =>
            $"  {p}: {{ connector: openai-compatible, config: {{ base_url: \"{urls[p].BaseUrl}\", api_key: \"{(p == "denied" ? DeniedKey : "sk-" + p + "-0123456789")}\" }} }}");
        var models = providers.Select(p => $"  {p}.m: {{ provider: {p}, capabilities: [chat-completion] }}");
        return _config.Write($$"""
            providers:
            {{string.Join('\n', lines)}}
            models:
            {{string.Join('\n', models)}}
            pools:
              chat: { capability: chat-completion }
            """);
    }

    [Fact]
    public async Task Each_provider_is_probed_on_a_line_of_its_own_and_one_failure_fails_the_check()
    {
        _good.EnqueueJson(Replies.ModelList);
        // The upstream echoes the key it was sent, as some do: it must not reach the output.
        _denied.Otherwise((context, request) => LoopbackUpstream.WriteAsync(context, 401, "application/json",
            System.Text.Encoding.UTF8.GetBytes(Replies.Error("Incorrect API key provided: " + request.Header("Authorization"), "invalid_request_error"))));
        _hung.Otherwise((context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted));

        var (code, output, error) = await CliRun.RunAsync("check", "--config", Config("good", "denied", "hung"), "--probe-timeout", "3"); // room for a cold first call on a busy machine

        Assert.True(code == 1, output + error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(lines, l => l.StartsWith("probing good … ok (", StringComparison.Ordinal) && l.EndsWith(" ms)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("probing denied … failed: Authentication (HTTP 401)", StringComparison.Ordinal));
        Assert.Contains("probing hung … failed: Timeout: no answer within 3 s", lines);
        Assert.Contains("2 of 3 provider(s) failed the probe", lines);
        Assert.DoesNotContain(DeniedKey, output + error, StringComparison.Ordinal);
        Assert.Equal("/models", Assert.Single(_good.Requests).Uri.AbsolutePath[^7..]);
    }

    [Fact]
    public async Task Every_provider_answering_passes_the_check()
    {
        _good.EnqueueJson(Replies.ModelList);
        _denied.EnqueueJson(Replies.ModelList);

        var (code, output, error) = await CliRun.RunAsync("check", "--config", Config("good", "denied"));

        Assert.True(code == 0, output + error);
        Assert.Contains(": ok (1 pool(s))", output, StringComparison.Ordinal);
        Assert.Contains("every provider answered (2)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_probe_sends_nothing()
    {
        var (code, output, error) = await CliRun.RunAsync("check", "--config", Config("good", "hung"), "--no-probe");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("probing", output, StringComparison.Ordinal);
        Assert.Empty(_good.Requests);
        Assert.Empty(_hung.Requests);
    }

    [Fact]
    public async Task A_probe_timeout_out_of_range_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.RunAsync("check", "--config", Config("good"), "--probe-timeout", "0");

        Assert.Equal(2, code);
        Assert.Contains("--probe-timeout must be more than 0 and at most 300 seconds; got 0.", error, StringComparison.Ordinal);
    }
}
