using System.Net;
using System.Text.Json;

namespace ModelMesh.Gateway.Tests;

/// <summary>The headers every answer carries, and request fields the gateway's types do not model.</summary>
public sealed class ContractTests
{
    [Fact]
    public async Task A_success_names_the_model_provider_pool_and_attempts()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Error(503, "busy"), status: 503);
        gateway["b"].EnqueueJson(Upstream.Completion("ok"));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Wire.Json(Wire.Hi)).Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b.m", response.Headers.GetValues("x-modelmesh-model").Single());
        Assert.Equal("b", response.Headers.GetValues("x-modelmesh-provider").Single());
        Assert.Equal("2", response.Headers.GetValues("x-modelmesh-attempts").Single());
        Assert.Equal("chat", response.Headers.GetValues("x-modelmesh-pool").Single());
    }

    [Fact]
    public async Task Embeddings_name_who_served_them()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Embedding());

        using var response = await gateway.Http.PostAsync("/v1/embeddings", Wire.Json("""{"model":"embed","input":["x"]}""")).Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a.e", response.Headers.GetValues("x-modelmesh-model").Single());
        Assert.Equal("1", response.Headers.GetValues("x-modelmesh-attempts").Single());
    }

    [Fact]
    public async Task A_502_says_how_many_attempts_were_made_and_names_no_model()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Error(500, "boom"), status: 500);
        gateway["b"].EnqueueJson(Upstream.Error(500, "boom"), status: 500);

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Wire.Json(Wire.Hi)).Within();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("x-modelmesh-attempts").Single());
        Assert.False(response.Headers.Contains("x-modelmesh-model"));
        Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/health")]
    [InlineData("/no-such-route")]
    public async Task The_clients_request_id_is_passed_through(string path)
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Completion("ok"));
        using var request = new HttpRequestMessage(path == "/v1/chat/completions" ? HttpMethod.Post : HttpMethod.Get, path)
        {
            Content = path == "/v1/chat/completions" ? Wire.Json(Wire.Hi) : null,
        };
        request.Headers.Add("x-request-id", "client-trace-42");

        using var response = await gateway.Http.SendAsync(request).Within();

        Assert.Equal("client-trace-42", response.Headers.GetValues("x-request-id").Single());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has spaces in it")]
    [InlineData("")]
    public async Task A_request_id_is_created_when_the_client_sends_none_or_an_unusable_one(string? given)
    {
        await using var gateway = await GatewayFixture.StartAsync();
        using var first = new HttpRequestMessage(HttpMethod.Get, "/health");
        using var second = new HttpRequestMessage(HttpMethod.Get, "/health");
        if (given is not null)
        {
            first.Headers.TryAddWithoutValidation("x-request-id", given);
            second.Headers.TryAddWithoutValidation("x-request-id", given);
        }

        using var a = await gateway.Http.SendAsync(first).Within();
        using var b = await gateway.Http.SendAsync(second).Within();
        var idA = a.Headers.GetValues("x-request-id").Single();
        var idB = b.Headers.GetValues("x-request-id").Single();

        Assert.StartsWith("req_", idA, StringComparison.Ordinal);
        Assert.NotEqual(idA, idB);
    }

    [Fact]
    public async Task Fields_the_types_do_not_model_reach_the_upstream()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Completion("ok"));
        const string request = """{"model":"chat","vendor_extra":{"a":1},"safe_prompt":true,"messages":[{"role":"user","content":"Hi","name_extra":"x"}]}""";

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Wire.Json(request)).Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sent = JsonDocument.Parse(gateway["a"].Requests.Single().Body!);
        Assert.Equal(1, sent.RootElement.GetProperty("vendor_extra").GetProperty("a").GetInt32());
        Assert.True(sent.RootElement.GetProperty("safe_prompt").GetBoolean());
        Assert.Equal("x", sent.RootElement.GetProperty("messages")[0].GetProperty("name_extra").GetString());
    }

    [Fact]
    public async Task Embedding_fields_the_types_do_not_model_reach_the_upstream()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Embedding());

        using var response = await gateway.Http.PostAsync("/v1/embeddings", Wire.Json("""{"model":"embed","input":"x","input_type":"query"}""")).Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sent = JsonDocument.Parse(gateway["a"].Requests.Single().Body!);
        Assert.Equal("query", sent.RootElement.GetProperty("input_type").GetString());
    }
}
