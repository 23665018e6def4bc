using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ModelMesh.Testing;

namespace ModelMesh.Gateway.Tests;

/// <summary>/health, /ready and /metrics.</summary>
public sealed class StatusTests
{
    [Fact]
    public async Task Health_answers_with_the_version()
    {
        await using var gateway = await GatewayFixture.StartAsync();

        using var response = await gateway.Http.GetAsync("/health").Within();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Ready_is_200_while_every_pool_has_an_active_model_and_503_naming_the_pool_that_has_none()
    {
        await using var gateway = await GatewayFixture.StartAsync();

        using var ready = await gateway.Http.GetAsync("/ready").Within();
        using var readyJson = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", readyJson.RootElement.GetProperty("status").GetString());
        Assert.Empty(readyJson.RootElement.GetProperty("not_ready").EnumerateArray());

        Assert.True(gateway.Mesh.Deactivate("a.m"));
        using var halfReady = await gateway.Http.GetAsync("/ready").Within();
        Assert.Equal(HttpStatusCode.OK, halfReady.StatusCode); // b.m still serves the pool

        Assert.True(gateway.Mesh.Deactivate("b.m"));
        using var notReady = await gateway.Http.GetAsync("/ready").Within();
        var body = await notReady.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("not_ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(["chat"], json.RootElement.GetProperty("not_ready").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(0, json.RootElement.GetProperty("pools").GetProperty("chat").GetProperty("active").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("pools").GetProperty("embed").GetProperty("active").GetInt32());
    }

    [Fact]
    public async Task Metrics_count_requests_latency_tokens_models_failovers_and_errors()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Completion("one"));
        gateway["a"].EnqueueJson(Upstream.Error(500, "boom"), status: 500);
        gateway["b"].EnqueueJson(Upstream.Completion("two"));
        gateway["a"].EnqueueJson(Upstream.Embedding());

        Assert.Equal(HttpStatusCode.OK, (await Post(gateway, "/v1/chat/completions", Wire.Hi)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(gateway, "/v1/chat/completions", Wire.Hi)).StatusCode); // a fails, b answers
        Assert.Equal(HttpStatusCode.NotFound, (await Post(gateway, "/v1/chat/completions", """{"model":"chta","messages":[{"role":"user","content":"Hi"}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(gateway, "/v1/chat/completions", "{")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(gateway, "/v1/embeddings", """{"model":"embed","input":"x"}""")).StatusCode);

        using var response = await gateway.Http.GetAsync("/metrics").Within();
        var text = await response.Content.ReadAsStringAsync();
        var samples = Parse(text);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, samples["modelmesh_requests_total{route=\"chat_completions\",status=\"200\"}"]);
        Assert.Equal(1, samples["modelmesh_requests_total{route=\"chat_completions\",status=\"404\"}"]);
        Assert.Equal(1, samples["modelmesh_requests_total{route=\"chat_completions\",status=\"400\"}"]);
        Assert.Equal(1, samples["modelmesh_requests_total{route=\"embeddings\",status=\"200\"}"]);
        Assert.Equal(4, samples["modelmesh_request_duration_seconds_count{route=\"chat_completions\"}"]);
        Assert.Equal(4, samples["modelmesh_request_duration_seconds_bucket{route=\"chat_completions\",le=\"+Inf\"}"]);
        Assert.True(samples["modelmesh_request_duration_seconds_sum{route=\"chat_completions\"}"] > 0);
        Assert.True(samples["modelmesh_request_duration_seconds_bucket{route=\"chat_completions\",le=\"0.001\"}"] <= samples["modelmesh_request_duration_seconds_bucket{route=\"chat_completions\",le=\"60\"}"]);
        Assert.Equal(1, samples["modelmesh_failovers_total{route=\"chat_completions\"}"]);
        Assert.Equal(1, samples["modelmesh_errors_total{class=\"model_not_found\"}"]);
        Assert.Equal(1, samples["modelmesh_errors_total{class=\"invalid_request\"}"]);
        Assert.Equal(0, samples["modelmesh_errors_total{class=\"upstream_failed\"}"]);
        Assert.Equal(5, samples["modelmesh_tokens_total{model=\"a.m\",type=\"prompt\"}"]);
        Assert.Equal(3, samples["modelmesh_tokens_total{model=\"b.m\",type=\"completion\"}"]);
        Assert.Equal(2, samples["modelmesh_models{pool=\"chat\",status=\"active\"}"] + samples["modelmesh_models{pool=\"chat\",status=\"standby\"}"]);
        Assert.Equal(2, samples["modelmesh_models{pool=\"embed\",status=\"active\"}"]);
        Assert.Equal(0, samples["modelmesh_requests_in_flight"]);
        Assert.Contains("# TYPE modelmesh_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE modelmesh_requests_total counter", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_count_an_all_failed_request_as_a_502_upstream_failure()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Error(500, "boom"), status: 500);
        gateway["b"].EnqueueJson(Upstream.Error(500, "boom"), status: 500);

        Assert.Equal(HttpStatusCode.BadGateway, (await Post(gateway, "/v1/chat/completions", Wire.Hi)).StatusCode);
        var samples = Parse(await gateway.Http.GetStringAsync("/metrics").Within());

        Assert.Equal(1, samples["modelmesh_requests_total{route=\"chat_completions\",status=\"502\"}"]);
        Assert.Equal(1, samples["modelmesh_errors_total{class=\"upstream_failed\"}"]);
        Assert.Equal(0, samples["modelmesh_failovers_total{route=\"chat_completions\"}"]);
    }

    private static async Task<HttpResponseMessage> Post(GatewayFixture gateway, string path, string json)
    {
        var response = await gateway.Http.PostAsync(path, Wire.Json(json)).Within();
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Prometheus text → sample (name with labels) → value; comments skipped.</summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return samples;
    }
}
