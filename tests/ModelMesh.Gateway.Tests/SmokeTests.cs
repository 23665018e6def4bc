using System.Net;
using System.Text;
using System.Text.Json;

namespace ModelMesh.Gateway.Tests;

public sealed class SmokeTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_chat_completion_is_answered_and_names_who_served_it()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Completion("Hello there"));
        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Json("""{"model":"chat","messages":[{"role":"user","content":"Hi"}]}"""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Hello there", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("a.m", response.Headers.GetValues("x-modelmesh-model").Single());
        Assert.Equal("a", response.Headers.GetValues("x-modelmesh-provider").Single());
        Assert.Equal("1", response.Headers.GetValues("x-modelmesh-attempts").Single());
        Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_is_relayed_as_SSE_ending_in_DONE()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueSse(Upstream.Stream("Hello", " world"));
        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Json("""{"model":"chat","stream":true,"messages":[{"role":"user","content":"Hi"}]}"""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"content\":\"Hello\"", body, StringComparison.Ordinal);
        Assert.Contains("\"content\":\" world\"", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"usage\"", body, StringComparison.Ordinal); // not asked for
    }
}
