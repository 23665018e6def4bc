using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelMesh.Cli;

namespace ModelMesh.Cli.Tests;

/// <summary><c>modelmesh serve</c> end to end: a config file on the simulated connector, a free port, real HTTP, a stop.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelmesh-serve-").FullName;

    private string Config(string proxy = "")
    {
        var path = Path.Combine(_directory, "modelmesh.yaml");
        File.WriteAllText(path, $"""
            providers:
              sim:
                connector: modelmesh.simulated.v1
                config: {"{"} pace: 0ms {"}"}
            pools:
              chat:
                capability: chat-completion
            {proxy}
            """);
        return path;
    }

    /// <summary>Runs serve until <paramref name="body"/> is done with its address, then stops it like Ctrl+C.</summary>
    private static async Task<(int Code, string Out, string Err)> ServeAsync(string[] args, Func<Uri, Task> body)
    {
        var output = new SynchronizedWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = CliApp.RunAsync(["serve", .. args], output, error, stop.Token);
        Uri? address = null;
        for (var i = 0; i < 600 && address is null && !run.IsCompleted; i++)
        {
            var text = output.ToString();
            var at = text.IndexOf("listening on ", StringComparison.Ordinal);
            if (at >= 0 && text.IndexOf('\n', at) is var end and > 0)
            {
                address = new Uri(text[(at + "listening on ".Length)..end].Trim());
            }
            else
            {
                await Task.Delay(50);
            }
        }
        if (address is not null)
        {
            try
            {
                await body(address);
            }
            finally
            {
                await stop.CancelAsync();
            }
        }
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(address);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Serve_answers_on_the_port_it_reports_and_stops_on_cancellation()
    {
        var (code, output, error) = await ServeAsync(["--config", Config(), "--port", "0", "--log-level", "Warning"], async address =>
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
            using var reply = await http.PostAsync("/v1/chat/completions",
                new StringContent("""{"model":"chat","messages":[{"role":"user","content":"What is an API?"}]}""", Encoding.UTF8, "application/json"));
            var body = await reply.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            Assert.Contains("Simulated answer to", body, StringComparison.Ordinal);
            Assert.Equal("sim.chat", reply.Headers.GetValues("x-modelmesh-model").Single());
        });
        Assert.True(code == 0, error);
        Assert.Contains("pool chat: sim.chat", output, StringComparison.Ordinal);
        Assert.Contains("modelmesh gateway stopped.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_flag_wins_over_the_config_and_is_required_of_clients()
    {
        var config = Config("""
            proxy:
              token: from-config
            """);
        var (code, output, error) = await ServeAsync(["--config", config, "--port", "0", "--token", "from-flag", "--log-level", "Warning"], async address =>
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
            using var missing = await http.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "from-config");
            using var config = await http.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.Unauthorized, config.StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "from-flag");
            using var flag = await http.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, flag.StatusCode);
            using var health = await new HttpClient { BaseAddress = address }.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode); // probes carry no token
        });
        Assert.True(code == 0, error);
        Assert.Contains("bearer token required", output, StringComparison.Ordinal);
        Assert.DoesNotContain("from-flag", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_is_a_usage_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["serve", "--config", Path.Combine(_directory, "absent.yaml")], output, error, CancellationToken.None);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("absent.yaml", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_out_of_range_is_refused_by_the_parser()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["serve", "--port", "70000"], output, error, CancellationToken.None);
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("--port must be 0–65535", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A StringWriter the test can read while the command writes from another thread.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override Task WriteAsync(string? value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteLineAsync(string? value)
        {
            Write(value + NewLine);
            return Task.CompletedTask;
        }

        public override Task WriteLineAsync()
        {
            Write(NewLine);
            return Task.CompletedTask;
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }
}
