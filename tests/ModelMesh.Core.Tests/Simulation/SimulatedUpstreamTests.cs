using System.Net;
using System.Text;
using System.Text.Json;
using ModelMesh.Simulation;

namespace ModelMesh.Core.Tests.Simulation;

/// <summary>The handler on the wire, through a plain HttpClient: what any OpenAI client would see.</summary>
public sealed class SimulatedUpstreamTests
{
    private static HttpClient Client(SimulatedOptions? options = null) =>
        new(new SimulatedUpstream(options ?? new SimulatedOptions { Pace = TimeSpan.Zero })) { BaseAddress = new Uri("http://simulated.modelmesh.invalid") };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").Clone();
    }

    [Theory]
    [InlineData("/v1/chat/completions", "{not json", null, "not valid JSON")]
    [InlineData("/v1/chat/completions", "[1,2]", null, "must be a JSON object; found a list")]
    [InlineData("/v1/chat/completions", "", null, "no body")]
    [InlineData("/v1/chat/completions", """{"model":"m"}""", "messages", "'messages' is required")]
    [InlineData("/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}],"n":0}""", "n", "'n' must be a whole number from 1 to 16; found 0")]
    [InlineData("/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":"many"}""", "max_tokens", "'max_tokens' must be a whole number")]
    [InlineData("/v1/chat/completions", """{"model":"m","messages":[{"content":"hi"}]}""", "messages[0].role", "'messages[0].role' is required")]
    [InlineData("/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"a"}}],"tool_choice":{"type":"function","function":{"name":"b"}}}""", "tool_choice", "names function 'b', which is not in 'tools'")]
    [InlineData("/v1/embeddings", """{"model":"m","input":[]}""", "input", "non-empty list")]
    [InlineData("/v1/embeddings", """{"model":"m","input":"x","dimensions":1.5}""", "dimensions", "'dimensions' must be a whole number from 1 to 8192")]
    [InlineData("/v1/embeddings", """{"model":"m","input":"x","encoding_format":"int8"}""", "encoding_format", "must be \"float\" or \"base64\"")]
    [InlineData("/v1/audio/speech", """{"model":"m"}""", "input", "'input' is required")]
    public async Task A_malformed_request_gets_a_400_OpenAI_error_naming_what_was_wrong(string path, string body, string? param, string message)
    {
        using var client = Client();

        using var response = await client.PostAsync(path, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        if (param is null)
        {
            Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        }
        else
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
    }

    [Fact]
    public async Task A_transcription_that_is_not_multipart_or_has_no_file_is_a_400()
    {
        using var client = Client();

        using var notMultipart = await client.PostAsync("/v1/audio/transcriptions", Json("{}"));
        using var form = new MultipartFormDataContent { { new StringContent("m"), "model" } };
        using var noFile = await client.PostAsync("/v1/audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
        Assert.Contains("multipart/form-data", (await ErrorOf(notMultipart)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("file", (await ErrorOf(noFile)).GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/chat/completions")]
    [InlineData("POST", "/v1/responses")]
    [InlineData("GET", "/")]
    public async Task Any_other_route_is_a_404_OpenAI_error(string method, string path)
    {
        using var client = Client();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Contains($"no route {method} {path}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("not_found_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_models_route_lists_the_simulated_models()
    {
        using var client = Client();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/v1/models"));

        Assert.Equal(SimulatedUpstream.ModelNames, document.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_stream_is_server_sent_events_ending_with_a_usage_chunk_when_asked_and_DONE()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        using var client = Client(new SimulatedOptions { Pace = TimeSpan.Zero, TimeProvider = clock });

        using var response = await client.PostAsync("/v1/chat/completions",
            Json("""{"model":"any-model","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true},"max_tokens":2}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToArray();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.All(chunks, c => Assert.Equal("any-model", c.GetProperty("model").GetString()));
        Assert.All(chunks, c => Assert.Equal(1_700_000_000, c.GetProperty("created").GetInt64()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(["Simulated ", "answer"], chunks.Take(2).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal("length", chunks[2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[3].GetProperty("choices").GetArrayLength());
        Assert.Equal(2, chunks[3].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4, chunks.Length);
    }

    [Fact]
    public async Task Without_include_usage_a_stream_has_no_usage_chunk()
    {
        using var client = Client();

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"max_tokens":1}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("\"usage\"", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_array_inputs_are_embedded_too()
    {
        using var client = Client();

        using var response = await client.PostAsync("/v1/embeddings", Json("""{"model":"m","input":[[1,2,3],[4,5]],"dimensions":4}"""));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, document.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(5, document.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }
}
