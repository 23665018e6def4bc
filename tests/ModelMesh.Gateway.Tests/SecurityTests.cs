using System.Net;
using System.Net.Http.Headers;

namespace ModelMesh.Gateway.Tests;

/// <summary>Bearer tokens, the per-client rate limit and CORS.</summary>
public sealed class SecurityTests
{
    private const string Token = "gw-token-0123";

    [Fact]
    public async Task Without_a_token_the_API_is_a_401_and_the_probes_stay_open()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { Tokens = [Token] });

        using var chat = await gateway.Http.PostAsync("/v1/chat/completions", Wire.Json(Wire.Hi)).Within();
        var error = await Wire.ErrorAsync(chat, HttpStatusCode.Unauthorized);
        using var models = await gateway.Http.GetAsync("/v1/models").Within();
        using var metrics = await gateway.Http.GetAsync("/metrics").Within();
        using var health = await gateway.Http.GetAsync("/health").Within();
        using var ready = await gateway.Http.GetAsync("/ready").Within();

        Assert.Equal("authentication_error", error.Type());
        Assert.Equal("invalid_api_key", error.Code());
        Assert.Equal("Bearer", chat.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(gateway["a"].Requests);
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer gw-token-012")] // a prefix of the real one
    [InlineData("Bearer gw-token-01234")] // the real one and more
    [InlineData("Basic Z3ctdG9rZW4tMDEyMw==")]
    [InlineData("gw-token-0123")] // no scheme
    public async Task A_wrong_token_is_a_401(string authorization)
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { Tokens = [Token] });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Wire.Json(Wire.Hi) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await gateway.Http.SendAsync(request).Within();
        var error = await Wire.ErrorAsync(response, HttpStatusCode.Unauthorized);

        Assert.Equal("authentication_error", error.Type());
        Assert.DoesNotContain(Token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(gateway["a"].Requests);
    }

    [Fact]
    public async Task The_right_token_is_served_and_is_not_passed_upstream()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { Tokens = ["other", Token] });
        gateway["a"].EnqueueJson(Upstream.Completion("ok"));
        using var client = gateway.Authorized(Token);

        using var response = await client.PostAsync("/v1/chat/completions", Wire.Json(Wire.Hi)).Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer sk-secret-a-0123456789", gateway["a"].Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task Over_the_rate_limit_is_a_429_with_Retry_After()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { RequestsPerMinute = 2, Burst = 2 });

        using var first = await gateway.Http.GetAsync("/v1/models").Within();
        using var second = await gateway.Http.GetAsync("/v1/models").Within();
        using var third = await gateway.Http.GetAsync("/v1/models").Within();
        var error = await Wire.ErrorAsync(third, HttpStatusCode.TooManyRequests);
        using var health = await gateway.Http.GetAsync("/health").Within();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("rate_limit_error", error.Type());
        Assert.Equal("rate_limit_exceeded", error.Code());
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)); // one permit every 30 s
        Assert.Equal(HttpStatusCode.OK, health.StatusCode); // probes are not limited
    }

    [Fact]
    public async Task The_rate_limit_is_per_token()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { Tokens = ["t1", "t2"], RequestsPerMinute = 1, Burst = 1 });
        using var one = gateway.Authorized("t1");
        using var two = gateway.Authorized("t2");

        using var a = await one.GetAsync("/v1/models").Within();
        using var b = await one.GetAsync("/v1/models").Within();
        using var c = await two.GetAsync("/v1/models").Within();

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, b.StatusCode);
        Assert.Equal(HttpStatusCode.OK, c.StatusCode);
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_gets_the_CORS_headers()
    {
        // With tokens too: a browser's preflight carries none, so it must not be refused.
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { CorsOrigins = ["http://localhost:3000"], Tokens = [Token] });

        using var response = await gateway.Http.SendAsync(Preflight("http://localhost:3000")).Within();

        Assert.True(response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("http://localhost:3000", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.OrdinalIgnoreCase);
        var headers = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers"));
        Assert.Contains("authorization", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("content-type", headers, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_preflight_from_another_origin_gets_no_CORS_headers()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { CorsOrigins = ["http://localhost:3000"] });

        using var response = await gateway.Http.SendAsync(Preflight("http://evil.example")).Within();

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task An_allowed_origin_can_read_the_served_by_headers()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { CorsOrigins = ["http://localhost:3000"] });
        gateway["a"].EnqueueJson(Upstream.Completion("ok"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Wire.Json(Wire.Hi) };
        request.Headers.Add("Origin", "http://localhost:3000");

        using var response = await gateway.Http.SendAsync(request).Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost:3000", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("x-modelmesh-model", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x-request-id", exposed, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/chat/completions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }
}
