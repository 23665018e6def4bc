using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using ModelMesh.Testing;
using OpenAI;
using OpenAI.Embeddings;
using OpenAI.Models;
using Sdk = OpenAI.Chat;

namespace ModelMesh.Gateway.Tests;

/// <summary>The official OpenAI .NET SDK (2.15.0), unmodified, against the gateway.</summary>
public sealed class ClientCompatibilityTests
{
    /// <summary>An SDK client for the gateway: no SDK retries, so each status is the gateway's own answer.</summary>
    internal static OpenAIClient Client(GatewayFixture gateway, string key = "no-token-needed") =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(gateway.Address, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(20),
        });

    [Fact]
    public async Task Chat_completion_through_the_SDK()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Completion("Hello there"));
        var chat = Client(gateway).GetChatClient("chat");

        Sdk.ChatCompletion completion = await chat.CompleteChatAsync([new Sdk.UserChatMessage("Hi")]).Within();

        Assert.Equal("Hello there", completion.Content.Single().Text);
        Assert.Equal(Sdk.ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(5, completion.Usage.InputTokenCount);
        Assert.Equal(3, completion.Usage.OutputTokenCount);
        var sent = JsonDocument.Parse(gateway["a"].Requests.Single().Body!).RootElement;
        Assert.Equal("m", sent.GetProperty("model").GetString()); // the upstream's own name for a.m
        Assert.Equal("Hi", sent.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Streaming_through_the_SDK_relays_text_and_the_usage_it_asks_for()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueSse(Upstream.Stream("Hello", " world"));
        var chat = Client(gateway).GetChatClient("chat");

        var text = new System.Text.StringBuilder();
        Sdk.ChatTokenUsage? usage = null;
        Sdk.ChatFinishReason? finish = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        // The SDK always sends stream_options.include_usage = true on a stream, so the usage chunk must come through.
        await foreach (var update in chat.CompleteChatStreamingAsync([new Sdk.UserChatMessage("Hi")], cancellationToken: timeout.Token))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Hello world", text.ToString());
        Assert.Equal(Sdk.ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(5, usage.InputTokenCount);
        Assert.Equal(2, usage.OutputTokenCount);
        Assert.Equal(7, usage.TotalTokenCount);
    }

    [Fact]
    public async Task A_tool_call_round_trip_through_the_SDK()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.ToolCall("call_42", "get_weather", """{"city":"Paris"}"""));
        gateway["a"].EnqueueJson(Upstream.Completion("It is sunny in Paris."));
        var chat = Client(gateway).GetChatClient("chat");
        var tool = Sdk.ChatTool.CreateFunctionTool("get_weather", "The weather in a city.",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new Sdk.ChatCompletionOptions { Tools = { tool } };
        List<Sdk.ChatMessage> messages = [new Sdk.UserChatMessage("Weather in Paris?")];

        Sdk.ChatCompletion first = await chat.CompleteChatAsync(messages, options).Within();
        Assert.Equal(Sdk.ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("call_42", call.Id);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Paris", JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.GetProperty("city").GetString());

        messages.Add(new Sdk.AssistantChatMessage(first));
        messages.Add(new Sdk.ToolChatMessage(call.Id, """{"sky":"sunny"}"""));
        Sdk.ChatCompletion second = await chat.CompleteChatAsync(messages, options).Within();
        Assert.Equal("It is sunny in Paris.", second.Content.Single().Text);

        // What the upstream got the second time: the assistant's call and the tool's answer, linked by the id.
        var requests = gateway["a"].Requests;
        Assert.Equal(2, requests.Count);
        var firstSent = JsonDocument.Parse(requests[0].Body!).RootElement;
        Assert.Equal("get_weather", firstSent.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        var sent = JsonDocument.Parse(requests[1].Body!).RootElement.GetProperty("messages");
        Assert.Equal(3, sent.GetArrayLength());
        Assert.Equal("assistant", sent[1].GetProperty("role").GetString());
        var sentCall = sent[1].GetProperty("tool_calls")[0];
        Assert.Equal("call_42", sentCall.GetProperty("id").GetString());
        Assert.Equal("get_weather", sentCall.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("tool", sent[2].GetProperty("role").GetString());
        Assert.Equal("call_42", sent[2].GetProperty("tool_call_id").GetString());
        Assert.Contains("sunny", sent[2].GetProperty("content").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_through_the_SDK_decode_to_the_upstream_floats()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Embedding(4));
        var embeddings = Client(gateway).GetEmbeddingClient("embed");

        OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync("some text").Within();

        Assert.Equal([0.1f, 0.2f, 0.3f, 0.4f], embedding.ToFloats().ToArray());
        // The SDK asks for base64 and decodes it: what the gateway answered was base64, not floats it would misread.
        var sent = JsonDocument.Parse(gateway["a"].Requests.Single().Body!).RootElement;
        Assert.Equal("base64", sent.GetProperty("encoding_format").GetString());
    }

    [Fact]
    public async Task Embeddings_through_the_SDK_are_the_same_floats_whichever_encoding_the_upstream_used()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        // This upstream answers base64 itself (little-endian float32), as OpenAI does when asked.
        float[] values = [0.5f, -1.25f, 3.0f];
        var base64 = Convert.ToBase64String(values.SelectMany(BitConverter.GetBytes).ToArray());
        gateway["a"].EnqueueJson("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":\"" + base64 + "\"}],\"model\":\"e\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}");
        gateway["a"].EnqueueJson("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,-1.25,3.0]}],\"model\":\"e\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}");
        var embeddings = Client(gateway).GetEmbeddingClient("embed");

        OpenAIEmbedding fromBase64 = await embeddings.GenerateEmbeddingAsync("x").Within();
        OpenAIEmbedding fromFloats = await embeddings.GenerateEmbeddingAsync("x").Within();

        Assert.Equal(values, fromBase64.ToFloats().ToArray());
        Assert.Equal(values, fromFloats.ToFloats().ToArray());
    }

    [Fact]
    public async Task Models_list_and_retrieve_through_the_SDK()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var models = Client(gateway).GetOpenAIModelClient();

        OpenAIModelCollection list = await models.GetModelsAsync().Within();
        OpenAIModel pool = await models.GetModelAsync("chat").Within();
        OpenAIModel model = await models.GetModelAsync("b.e").Within();

        var ids = list.Select(m => m.Id).ToArray();
        Assert.Equal(["chat", "embed", "a.m", "a.e", "b.m", "b.e"], ids);
        Assert.Equal("modelmesh", list.Single(m => m.Id == "chat").OwnedBy);
        Assert.Equal("a", list.Single(m => m.Id == "a.m").OwnedBy);
        Assert.Equal("chat", pool.Id);
        Assert.Equal("modelmesh", pool.OwnedBy);
        Assert.Equal("b.e", model.Id);
        Assert.Equal("b", model.OwnedBy);
        var missing = await Assert.ThrowsAsync<ClientResultException>(() => models.GetModelAsync("nope").Within());
        Assert.Equal(404, missing.Status);
    }

    public static TheoryData<int> ErrorStatuses => new() { 400, 401, 404, 429, 502, 504 };

    [Theory]
    [MemberData(nameof(ErrorStatuses))]
    public async Task Each_error_status_surfaces_in_the_SDK_as_ClientResultException_with_that_status(int status)
    {
        await using var gateway = await GatewayFixture.StartAsync(
            options: status == 401 ? new GatewayOptions { Tokens = ["right-token"] } : null,
            budget: status == 429 ? new BudgetOptions { PerRequestLimit = 0.000_000_001m } : null,
            retry: status == 504 ? new RetryOptions { MaxAttempts = 1, InitialDelay = TimeSpan.FromMilliseconds(1), TotalTimeout = TimeSpan.FromSeconds(1) } : null);
        switch (status)
        {
            case 502:
                gateway["a"].Otherwise((c, _) => LoopbackUpstream.WriteAsync(c, 500, "application/json", System.Text.Encoding.UTF8.GetBytes(Upstream.Error(500, "boom"))));
                gateway["b"].Otherwise((c, _) => LoopbackUpstream.WriteAsync(c, 503, "application/json", System.Text.Encoding.UTF8.GetBytes(Upstream.Error(503, "overloaded"))));
                break;
            case 504:
                gateway["a"].Otherwise(Upstream.HangAsync);
                gateway["b"].Otherwise(Upstream.HangAsync);
                break;
        }
        var chat = Client(gateway, status == 401 ? "wrong-token" : "no-token-needed").GetChatClient(status == 404 ? "chta" : "chat");
        var options = new Sdk.ChatCompletionOptions { Temperature = status == 400 ? 3f : null };

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new Sdk.UserChatMessage("Hi")], options).Within(20));

        Assert.Equal(status, error.Status);
        var body = error.GetRawResponse()!.Content.ToString();
        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetProperty("message").GetString()));
        Assert.Contains(json.RootElement.GetProperty("error").GetProperty("message").GetString()!, error.Message, StringComparison.Ordinal);
        if (status is 400 or 401 or 404 or 429)
        {
            Assert.Empty(gateway["a"].Requests); // refused before any upstream was asked
        }
    }

    [Fact]
    public async Task A_raw_embeddings_request_gets_base64_only_when_it_asks_for_it()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Embedding(3)).EnqueueJson(Upstream.Embedding(3)).EnqueueJson(Upstream.Embedding(3));

        var floats = await EmbeddingAsync(gateway, """{"model":"embed","input":"x"}""");
        var explicitFloats = await EmbeddingAsync(gateway, """{"model":"embed","input":"x","encoding_format":"float"}""");
        var base64 = await EmbeddingAsync(gateway, """{"model":"embed","input":"x","encoding_format":"base64"}""");

        Assert.Equal(JsonValueKind.Array, floats.ValueKind);
        Assert.Equal([0.1, 0.2, 0.3], floats.EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6)).ToArray());
        Assert.Equal(JsonValueKind.Array, explicitFloats.ValueKind);
        Assert.Equal(JsonValueKind.String, base64.ValueKind);
        var bytes = Convert.FromBase64String(base64.GetString()!);
        var decoded = Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, i * 4)).ToArray();
        Assert.Equal([0.1f, 0.2f, 0.3f], decoded);
    }

    private static async Task<JsonElement> EmbeddingAsync(GatewayFixture gateway, string json)
    {
        using var response = await gateway.Http.PostAsync("/v1/embeddings", Wire.Json(json)).Within();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("data")[0].GetProperty("embedding").Clone();
    }
}
