using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelMesh.Testing;

namespace ModelMesh.Gateway.Tests;

/// <summary>Every error path over raw HTTP: the status, an OpenAI error body, the field at fault, and nothing secret.</summary>
public sealed class ErrorTests
{
    private const string Secret = "sk-secret-a-0123456789";

    private static Task<HttpResponseMessage> ChatAsync(GatewayFixture gateway, string json) =>
        gateway.Http.PostAsync("/v1/chat/completions", Wire.Json(json)).Within();

    [Fact]
    public async Task Malformed_JSON_is_a_400_saying_where()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var response = await ChatAsync(gateway, "{\"model\":\"chat\",\n  \"messages\": [}");

        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_request_error", error.Type());
        Assert.Equal("invalid_json", error.Code());
        Assert.Contains("line 2", error.Message(), StringComparison.Ordinal);
        Assert.Contains("column 16", error.Message(), StringComparison.Ordinal);
        Assert.Empty(gateway["a"].Requests);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_a_400_naming_it()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var response = await ChatAsync(gateway, """{"model":"chat","temperature":"hot","messages":[{"role":"user","content":"Hi"}]}""");

        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_request_error", error.Type());
        Assert.Equal("temperature", error.Param());
        Assert.Equal("invalid_type", error.Code());
    }

    [Theory]
    [InlineData("\"temperature\":3", "temperature")]
    [InlineData("\"temperature\":-0.1", "temperature")]
    [InlineData("\"n\":0", "n")]
    [InlineData("\"top_p\":1.5", "top_p")]
    [InlineData("\"max_tokens\":0", "max_tokens")]
    [InlineData("\"presence_penalty\":2.5", "presence_penalty")]
    public async Task A_value_out_of_range_is_a_400_naming_it(string field, string param)
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var response = await ChatAsync(gateway, "{\"model\":\"chat\"," + field + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal(param, error.Param());
        Assert.Equal("invalid_value", error.Code());
        Assert.Empty(gateway["a"].Requests);
    }

    [Theory]
    [InlineData("""{"model":"chat","messages":[]}""", "messages")]
    [InlineData("""{"model":"chat"}""", "messages")]
    [InlineData("""{"model":"chat","messages":[{"role":"wizard","content":"Hi"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", "model")]
    [InlineData("""{"model":"chat","messages":[{"role":"tool","content":"42"}]}""", "messages[0].tool_call_id")]
    [InlineData("""{"model":"chat","messages":[{"role":"user","content":"Hi"},{"content":"no role"}]}""", "messages[1].role")]
    [InlineData("""{"model":"chat","messages":["just text"]}""", "messages[0].role")]
    public async Task Missing_or_invalid_messages_are_a_400_naming_the_field(string json, string param)
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var response = await ChatAsync(gateway, json);

        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_request_error", error.Type());
        Assert.Equal(param, error.Param());
        Assert.Empty(gateway["a"].Requests);
    }

    [Fact]
    public async Task Invalid_UTF8_is_a_400_saying_so_and_where()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var body = Encoding.UTF8.GetBytes("{\"model\":\"chat\",\n\"messages\":[{\"role\":\"user\",\"content\":\"AB\"}]}");
        body[Array.IndexOf(body, (byte)'A')] = 0xFF;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", content).Within();
        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_encoding", error.Code());
        Assert.Equal("messages[0].content", error.Param());
        Assert.Contains("UTF-8", error.Message(), StringComparison.Ordinal);
        Assert.Contains("line 2, column 39", error.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_suggesting_the_nearest_pool()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var response = await ChatAsync(gateway, """{"model":"chta","messages":[{"role":"user","content":"Hi"}]}""");

        var error = await Wire.ErrorAsync(response, HttpStatusCode.NotFound);

        Assert.Equal("model_not_found", error.Code());
        Assert.Equal("model", error.Param());
        Assert.Contains("'chta'", error.Message(), StringComparison.Ordinal);
        Assert.Contains("Did you mean 'chat'?", error.Message(), StringComparison.Ordinal);
        Assert.Empty(gateway["a"].Requests);
    }

    [Theory]
    [InlineData("per_request")]
    [InlineData("daily")]
    public async Task An_exhausted_budget_is_a_429_budget_exceeded_and_nothing_is_sent(string limit)
    {
        var budget = limit == "daily" ? new BudgetOptions { DailyLimit = 0.000_000_001m } : new BudgetOptions { PerRequestLimit = 0.000_000_001m };
        await using var gateway = await GatewayFixture.StartAsync(budget: budget);
        using var response = await ChatAsync(gateway, Wire.Hi);

        var error = await Wire.ErrorAsync(response, HttpStatusCode.TooManyRequests);

        Assert.Equal("budget_exceeded", error.Type());
        Assert.False(string.IsNullOrEmpty(error.Code()));
        Assert.Empty(gateway["a"].Requests);
        Assert.Empty(gateway["b"].Requests);
    }

    [Fact]
    public async Task Every_upstream_failing_is_a_502_listing_the_attempts_and_no_secret()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        // Upstreams that echo the key they were sent, as OpenAI does for a wrong one.
        gateway["a"].EnqueueJson(Upstream.Error(500, "Incorrect API key provided: " + Secret), status: 500);
        gateway["b"].EnqueueJson(Upstream.Error(401, "Incorrect API key provided: sk-secret-b-0123456789", "invalid_request_error"), status: 401);
        using var response = await ChatAsync(gateway, Wire.Hi);
        var body = await response.Content.ReadAsStringAsync();

        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadGateway);

        Assert.Equal("upstream_failed", error.Code());
        Assert.Equal("upstream_error", error.Type());
        var attempts = error.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal("a.m", attempts[0].GetProperty("model").GetString());
        Assert.Equal("a", attempts[0].GetProperty("provider").GetString());
        Assert.Equal("server", attempts[0].GetProperty("error").GetString());
        Assert.Equal(500, attempts[0].GetProperty("status").GetInt32());
        Assert.Equal("b.m", attempts[1].GetProperty("model").GetString());
        Assert.Equal("authentication", attempts[1].GetProperty("error").GetString());
        Assert.Equal(401, attempts[1].GetProperty("status").GetInt32());
        Assert.Equal("2", response.Headers.GetValues("x-modelmesh-attempts").Single());
        Assert.DoesNotContain("sk-secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_refusal_of_the_request_is_a_400_without_the_secret_it_echoed()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Error(400, "Invalid 'messages' for key " + Secret, "invalid_request_error"), status: 400);
        using var response = await ChatAsync(gateway, Wire.Hi);
        var body = await response.Content.ReadAsStringAsync();

        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_request_error", error.Type());
        Assert.DoesNotContain("sk-secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", body, StringComparison.Ordinal);
        Assert.Empty(gateway["b"].Requests); // the request itself was wrong: no other model is tried
    }

    [Fact]
    public async Task An_upstream_that_hangs_is_a_504_when_the_pool_time_runs_out()
    {
        await using var gateway = await GatewayFixture.StartAsync(retry: new RetryOptions { MaxAttempts = 1, InitialDelay = TimeSpan.FromMilliseconds(1), TotalTimeout = TimeSpan.FromSeconds(1) });
        gateway["a"].Otherwise(Upstream.HangAsync);
        gateway["b"].Otherwise(Upstream.HangAsync);
        using var response = await ChatAsync(gateway, Wire.Hi);

        var error = await Wire.ErrorAsync(response, HttpStatusCode.GatewayTimeout);

        Assert.Equal("upstream_timeout", error.Code());
        Assert.Equal("timeout_error", error.Type());
    }

    [Theory]
    [InlineData(4096, 10_000)]
    [InlineData(5000, 5100)] // a limit that is no power of two: a pooled buffer is longer than the limit
    public async Task A_body_over_the_limit_is_a_413_with_or_without_a_declared_length(int limit, int contentLength)
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { MaxRequestBodyBytes = limit });
        var big = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', contentLength) + "\"}]}";

        using var declared = await ChatAsync(gateway, big);
        var declaredError = await Wire.ErrorAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        using var chunked = new StreamContent(new UnsizedStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var streamed = await gateway.Http.PostAsync("/v1/chat/completions", chunked).Within();
        var streamedError = await Wire.ErrorAsync(streamed, HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("request_too_large", declaredError.Code());
        Assert.Equal("request_too_large", streamedError.Code());
        Assert.Empty(gateway["a"].Requests);
        using var next = await ChatAsync(gateway, """{"model":"chta","messages":[{"role":"user","content":"Hi"}]}""");
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
    }

    [Fact]
    public async Task A_client_still_sending_an_oversized_body_reads_the_413_not_a_connection_reset()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { MaxRequestBodyBytes = 4096 });
        // 256 KB sent in 4 KB pieces, paced: the client is still sending long after the gateway has seen too much.
        using var content = new StreamContent(new PacedStream(Encoding.UTF8.GetBytes("{\"model\":\"chat\",\"input\":\"" + new string('x', 256 * 1024) + "\"}"), 4096, TimeSpan.FromMilliseconds(5)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await gateway.Http.PostAsync("/v1/embeddings", content).Within();
        var error = await Wire.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("request_too_large", error.Code());
        Assert.Empty(gateway["a"].Requests);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_JSON_error()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var response = await gateway.Http.GetAsync("/v1/completions-of-another-kind").Within();

        var error = await Wire.ErrorAsync(response, HttpStatusCode.NotFound);

        Assert.Equal("unknown_url", error.Code());
        Assert.Contains("/v1/completions-of-another-kind", error.Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GET_on_a_POST_route_is_a_405_JSON_error()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var response = await gateway.Http.GetAsync("/v1/chat/completions").Within();

        var error = await Wire.ErrorAsync(response, HttpStatusCode.MethodNotAllowed);

        Assert.Equal("method_not_allowed", error.Code());
        Assert.Contains("GET", error.Message(), StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> HostileBodies()
    {
        var data = new TheoryData<string, byte[], string>
        {
            { "truncated", Encoding.UTF8.GetBytes("{\"model\":\"chat\",\"messages\":[{\"role\":\"us"), "application/json" },
            { "nested 10,000 deep", Encoding.UTF8.GetBytes("{\"model\":\"chat\",\"messages\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), "application/json" },
            { "1 MB role", Encoding.UTF8.GetBytes("{\"model\":\"chat\",\"messages\":[{\"role\":\"" + new string('r', 1024 * 1024) + "\",\"content\":\"Hi\"}]}"), "application/json" },
            { "form body", Encoding.UTF8.GetBytes("model=chat&messages=hi"), "application/x-www-form-urlencoded" },
            { "multipart body", Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nchat\r\n--b--\r\n"), "multipart/form-data; boundary=b" },
            { "empty body", [], "application/json" },
            { "JSON null", Encoding.UTF8.GetBytes("null"), "application/json" },
            { "an array", Encoding.UTF8.GetBytes("[1,2,3]"), "application/json" },
            { "huge number", Encoding.UTF8.GetBytes("{\"model\":\"chat\",\"n\":1e400,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), "application/json" },
        };
        var invalidUtf8 = Encoding.UTF8.GetBytes("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"AB\"}]}");
        var at = Array.IndexOf(invalidUtf8, (byte)'A');
        invalidUtf8[at] = 0xFF;
        invalidUtf8[at + 1] = 0xFE;
        data.Add("invalid UTF-8", invalidUtf8, "application/json");
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task A_hostile_body_gets_a_4xx_JSON_answer_and_the_gateway_answers_the_next_request(string name, byte[] body, string contentType)
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Completion("still here"));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", content).Within();
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{name}: {(int)response.StatusCode} {text}");
        var error = await Wire.ErrorAsync(response, response.StatusCode);
        Assert.Equal("invalid_request_error", error.Type());
        Assert.True(text.Length < 2048, $"{name}: the error echoes the input ({text.Length} characters)");
        Assert.Empty(gateway["a"].Requests);
        using var next = await ChatAsync(gateway, Wire.Hi);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("still here", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_body_sent_to_the_transcriptions_route_is_a_400()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var response = await gateway.Http.PostAsync("/v1/audio/transcriptions", Wire.Json("""{"model":"chat"}""")).Within();

        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_content_type", error.Code());
    }

    /// <summary>An unsized body read in pieces of <c>piece</c> bytes with a pause before each.</summary>
    private sealed class PacedStream(byte[] bytes, int piece, TimeSpan pause) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(pause, cancellationToken);
            var count = Math.Min(Math.Min(piece, buffer.Length), bytes.Length - _position);
            bytes.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body whose length is unknown up front, so HttpClient sends it chunked (no Content-Length).</summary>
    private sealed class UnsizedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
