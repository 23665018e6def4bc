using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ModelMesh.Gateway.Tests;

/// <summary>
/// Issue 13, part 3 (HTTP half): a corpus of malformed requests, each answered with its exact status and an
/// OpenAI-shaped error naming what was wrong — and the process still answers <c>/health</c> and a good request
/// afterwards. Nothing of a bad request reaches an upstream.
/// </summary>
public sealed class BadInputTests
{
    private const string Hi = "{\"role\":\"user\",\"content\":\"Hi\"}";

    /// <summary>name, route, body, status, code, param (null: none named), a fragment the message must hold.</summary>
    public static TheoryData<string, string, byte[], HttpStatusCode, string, string?, string> Corpus()
    {
        var data = new TheoryData<string, string, byte[], HttpStatusCode, string, string?, string>
        {
            { "invalid JSON", Chat, Utf8("{\"model\":\"chat\",\"messages\":[" + Hi + ",}"), HttpStatusCode.BadRequest, "invalid_json", null, "line 1" },
            { "truncated JSON", Chat, Utf8("{\"model\":\"chat\",\"messages\":[{\"role\":\"us"), HttpStatusCode.BadRequest, "invalid_json", null, "line 1" },
            { "messages a string", Chat, Utf8("{\"model\":\"chat\",\"messages\":\"Hi\"}"), HttpStatusCode.BadRequest, "invalid_type", "messages", "messages" },
            { "model a number", Chat, Utf8("{\"model\":42,\"messages\":[" + Hi + "]}"), HttpStatusCode.BadRequest, "invalid_type", "model", "model" },
            { "stream a string", Chat, Utf8("{\"model\":\"chat\",\"stream\":\"yes\",\"messages\":[" + Hi + "]}"), HttpStatusCode.BadRequest, "invalid_type", "stream", "stream" },
            { "max_tokens a string", Chat, Utf8("{\"model\":\"chat\",\"max_tokens\":\"ten\",\"messages\":[" + Hi + "]}"), HttpStatusCode.BadRequest, "invalid_type", "max_tokens", "max_tokens" },
            { "content a number", Chat, Utf8("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":7}]}"), HttpStatusCode.BadRequest, "invalid_type", "messages[0].content", "content" },
            { "body just over 32 MiB", Chat, Utf8("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 32 * 1024 * 1024) + "\"}]}"), HttpStatusCode.RequestEntityTooLarge, "request_too_large", null, "bytes" },
            { "body over 33 MiB", Chat, Utf8("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 33 * 1024 * 1024) + "\"}]}"), HttpStatusCode.RequestEntityTooLarge, "request_too_large", null, "bytes" },
            { "nested 10,000 deep", Chat, Utf8("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"metadata\":" + new string('[', 10_000) + new string(']', 10_000) + "}]}"), HttpStatusCode.BadRequest, "invalid_json", null, "depth" },
            { "invalid UTF-8", Chat, InvalidUtf8(), HttpStatusCode.BadRequest, "invalid_encoding", "messages[0].content", "UTF-8" },
            { "unknown role", Chat, Utf8("{\"model\":\"chat\",\"messages\":[{\"role\":\"wizard\",\"content\":\"Hi\"}]}"), HttpStatusCode.BadRequest, "invalid_value", "messages[0].role", "'wizard'" },
            { "empty messages", Chat, Utf8("{\"model\":\"chat\",\"messages\":[]}"), HttpStatusCode.BadRequest, "empty_array", "messages", "messages" },
            { "user message without content", Chat, Utf8("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\"}]}"), HttpStatusCode.BadRequest, "missing_required_parameter", "messages[0].content", "content" },
            { "missing model", Chat, Utf8("{\"messages\":[" + Hi + "]}"), HttpStatusCode.BadRequest, "missing_required_parameter", "model", "model" },
            { "empty model", Chat, Utf8("{\"model\":\"\",\"messages\":[" + Hi + "]}"), HttpStatusCode.BadRequest, "missing_required_parameter", "model", "model" },
            { "unknown model", Chat, Utf8("{\"model\":\"chta\",\"messages\":[" + Hi + "]}"), HttpStatusCode.NotFound, "model_not_found", "model", "'chta'" },
            { "embeddings without input", Embeddings, Utf8("{\"model\":\"embed\"}"), HttpStatusCode.BadRequest, "empty_array", "input", "input" },
            { "embeddings input an object", Embeddings, Utf8("{\"model\":\"embed\",\"input\":{\"text\":\"Hi\"}}"), HttpStatusCode.BadRequest, "invalid_type", "input", "input" },
        };
        return data;
    }

    /// <summary>How far past its limit the gateway reads a body it refuses (RequestBody.DrainAllowance).</summary>
    private const int RequestBodyDrainAllowance = 1024 * 1024;

    private const string Chat = "/v1/chat/completions";
    private const string Embeddings = "/v1/embeddings";

    [Theory]
    [MemberData(nameof(Corpus), DisableDiscoveryEnumeration = true)] // a 33 MB row is built at run time, not serialised at discovery
    public async Task A_bad_request_gets_its_exact_4xx_naming_the_fault_and_the_process_keeps_answering(string name, string route, byte[] body, HttpStatusCode status, string code, string? param, string fragment)
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Completion("still here"));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        // A client sending a body this large asks first, as HTTP provides: the gateway refuses it on its declared
        // length before reading any of it, and a client still sending would otherwise find the connection closed.
        request.Headers.ExpectContinue = body.Length > RequestBodyDrainAllowance;
        using var response = await gateway.Http.SendAsync(request).Within(30);
        var error = await Wire.ErrorAsync(response, status);

        Assert.True(code == error.Code(), $"{name}: code {error.Code()}, not {code}: {error.Message()}");
        Assert.True(param == error.Param(), $"{name}: param {error.Param() ?? "null"}, not {param ?? "null"}: {error.Message()}");
        Assert.True(error.Message().Contains(fragment, StringComparison.Ordinal), $"{name}: '{error.Message()}' does not hold '{fragment}'");
        Assert.True(error.Message().Length < 1024, $"{name}: the message echoes the input ({error.Message().Length} characters)");
        Assert.Empty(gateway["a"].Requests);
        using var health = await gateway.Http.GetAsync("/health").Within();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var next = await gateway.Http.PostAsync(Chat, Wire.Json(Wire.Hi)).Within();
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] InvalidUtf8()
    {
        var body = Utf8("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"AB\"}]}");
        var at = Array.IndexOf(body, (byte)'A');
        body[at] = 0xC3; // a lead byte followed by an ASCII byte: no valid sequence
        return body;
    }
}
