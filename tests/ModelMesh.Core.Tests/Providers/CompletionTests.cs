using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Providers;

public class CompletionTests
{
    private const string CompletionJson = """
        {"id":"cmpl-1","object":"chat.completion","created":5,"model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}
        """;

    [Fact]
    public async Task Completion_sends_openai_json_with_auth_headers_and_a_content_length()
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("p", url)
        {
            ApiKey = ProviderFixture.ApiKey,
            Organization = "org-42",
            Headers = new Dictionary<string, string> { ["X-Title"] = "ModelMesh" },
        });
        f.Upstream.EnqueueJson(CompletionJson);

        var request = ProviderFixture.Request();
        request.Temperature = 0.2;
        request.Stop = ["END"];
        var completion = await f.Provider.CompleteAsync(request);

        Assert.Equal("Hi there", completion.Choices[0].Message.Content);
        Assert.Equal(5, completion.Usage!.TotalTokens);
        var sent = Assert.Single(f.Upstream.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/chat/completions", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer " + ProviderFixture.ApiKey, sent.Header("Authorization"));
        Assert.Equal("org-42", sent.Header("OpenAI-Organization"));
        Assert.Equal("ModelMesh", sent.Header("X-Title"));
        Assert.Null(sent.Header("Transfer-Encoding"));
        Assert.Equal(sent.Body!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Header("Content-Length"));
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("gpt-test", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("Hello", body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("END", body.RootElement.GetProperty("stop").GetString());
        Assert.Equal(0.2, body.RootElement.GetProperty("temperature").GetDouble());
        Assert.False(body.RootElement.TryGetProperty("stream", out _));
        Assert.False(body.RootElement.TryGetProperty("max_tokens", out _)); // unset fields are omitted
    }

    [Theory]
    [InlineData("", "/v1/chat/completions")]
    [InlineData("/v1", "/v1/chat/completions")]
    [InlineData("/v1/", "/v1/chat/completions")]
    [InlineData("/openai", "/openai/v1/chat/completions")]
    public async Task Base_url_path_is_joined_with_the_endpoint_without_doubling_v1(string basePath, string expectedPath)
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("p", new Uri(url, basePath)));
        f.Upstream.EnqueueJson(CompletionJson);
        await f.Provider.CompleteAsync(ProviderFixture.Request());
        Assert.Equal(expectedPath, Assert.Single(f.Upstream.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task Caller_request_is_not_modified_by_the_provider()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("x", "stop") + "data: [DONE]\n\n");
        var request = ProviderFixture.Request();
        await foreach (var _ in f.Provider.StreamAsync(request))
        {
        }
        Assert.Null(request.Stream);
        Assert.Null(request.StreamOptions);
    }

    [Fact]
    public async Task Slow_upstream_beyond_the_request_timeout_is_a_timeout_error()
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("slow", url) { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        f.Upstream.Enqueue(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));

        var error = await Assert.ThrowsAsync<ProviderTimeoutException>(() => f.Provider.CompleteAsync(ProviderFixture.Request()))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(error.IsRetryable);
        Assert.Equal(ProviderErrorCategory.Timeout, error.Category);
        Assert.Equal("slow", error.ProviderId);
        Assert.Equal("gpt-test", error.ModelId);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.Enqueue(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Provider.CompleteAsync(ProviderFixture.Request(), cts.Token))
            .WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Refused_connection_is_a_retryable_network_error()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        } // closed again: nothing listens on the port now
        using var provider = new OpenAICompatibleProvider(new ProviderOptions("down", new Uri($"http://127.0.0.1:{port}")) { ApiKey = ProviderFixture.ApiKey });

        var error = await Assert.ThrowsAsync<ProviderException>(() => provider.CompleteAsync(ProviderFixture.Request()));
        Assert.Equal(ProviderErrorCategory.Network, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Null(error.StatusCode);
        Assert.DoesNotContain(ProviderFixture.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_is_never_accepted_fails_within_the_connect_timeout()
    {
        // A listener whose accept queue is full: the kernel drops further SYNs, so connecting just hangs.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(0);
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // in progress (or dropped): either way it takes a place in, or overflows, the queue
                }
            }
            using var provider = new OpenAICompatibleProvider(new ProviderOptions("hung", new Uri($"http://127.0.0.1:{port}"))
            {
                ConnectTimeout = TimeSpan.FromMilliseconds(500),
                RequestTimeout = TimeSpan.FromSeconds(30),
            });

            var timer = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(ProviderFixture.Request()));

            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(15), $"took {timer.Elapsed}");
            Assert.True(error.IsRetryable);
            Assert.Contains(error.Category, new[] { ProviderErrorCategory.Network, ProviderErrorCategory.Timeout });
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Api_key_never_appears_in_errors_even_when_the_upstream_echoes_it()
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("p", url)
        {
            ApiKey = ProviderFixture.ApiKey,
            Headers = new Dictionary<string, string> { ["x-custom-token"] = "tok-9a8b7c6d5e4f" },
        });
        f.Upstream.EnqueueJson("{\"error\":{\"message\":\"Incorrect API key provided: " + ProviderFixture.ApiKey + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", 401);
        f.Upstream.EnqueueJson("""{"error":{"message":"bad header tok-9a8b7c6d5e4f","type":"server_error"}}""", 500);

        var auth = await Assert.ThrowsAsync<AuthenticationException>(() => f.Provider.CompleteAsync(ProviderFixture.Request()));
        var server = await Assert.ThrowsAsync<ProviderException>(() => f.Provider.CompleteAsync(ProviderFixture.Request()));

        foreach (var text in new[] { auth.Message, auth.ToString(), auth.Classification.ToString(), server.ToString(), f.Provider.ToString(), f.Provider.Options.ToString() })
        {
            Assert.DoesNotContain(ProviderFixture.ApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("tok-9a8b7c6d5e4f", text, StringComparison.Ordinal);
        }
        Assert.Contains("Incorrect API key provided: ***", auth.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_body_inside_a_200_response_is_an_in_band_error()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"error":{"message":"model is loading","type":"server_error","code":"model_loading"}}""");

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.Provider.CompleteAsync(ProviderFixture.Request()));
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.Equal("model_loading", error.ErrorCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Retry_after_http_date_is_converted_to_a_delay_from_now()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("p", url) { TimeProvider = new FixedTime(now) });
        f.Upstream.EnqueueJson("""{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}""", 429,
            new Dictionary<string, string> { ["Retry-After"] = now.AddSeconds(45).ToString("r", System.Globalization.CultureInfo.InvariantCulture) });

        var error = await Assert.ThrowsAsync<RateLimitException>(() => f.Provider.CompleteAsync(ProviderFixture.Request()));
        Assert.Equal(TimeSpan.FromSeconds(45), error.RetryAfter);
    }

    [Fact]
    public async Task Context_length_error_is_typed_so_a_router_can_pick_a_larger_model()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", 400);
        var error = await Assert.ThrowsAsync<ContextLengthExceededException>(() => f.Provider.CompleteAsync(ProviderFixture.Request()));
        Assert.False(error.IsRetryable);
        Assert.Equal("messages", error.Classification.Param);
    }

    [Theory]
    [InlineData("", "model")]
    [InlineData("gpt", "messages")]
    public async Task Invalid_request_is_rejected_before_sending_naming_the_field(string model, string field)
    {
        await using var f = await ProviderFixture.StartAsync();
        var request = new ChatCompletionRequest { Model = model, Messages = model.Length == 0 ? [ChatMessage.User("x")] : [] };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => f.Provider.CompleteAsync(request));
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(f.Upstream.Requests);
    }

    [Fact]
    public async Task Embeddings_and_models_use_their_endpoints()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-1.25]}],"model":"e","usage":{"prompt_tokens":1,"total_tokens":1}}""");
        f.Upstream.EnqueueJson("""{"object":"list","data":[{"id":"m1","object":"model","created":1,"owned_by":"me"}]}""");

        var embeddings = await f.Provider.EmbedAsync(new EmbeddingRequest { Model = "e", Input = "hello" });
        var models = await f.Provider.ListModelsAsync();

        Assert.Equal([0.5f, -1.25f], embeddings.Data[0].Vector.Values);
        Assert.Equal("m1", Assert.Single(models.Data).Id);
        Assert.Equal(["/v1/embeddings", "/v1/models"], f.Upstream.Requests.Select(r => r.Uri.AbsolutePath));
        Assert.Equal("""{"model":"e","input":"hello"}""", f.Upstream.Requests[0].Body);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
