// Tutorial 7: testing a connector with the CDK's test kit (ModelMesh.Testing).
//
// The connector under test is Tutorial 6's AcmeProvider. Three kinds of test, as in the guide:
//   1. unit tests with canned HTTP: MockHttpHandler (no socket) or LoopbackUpstream (a real Kestrel server on
//      127.0.0.1) answers with scripted responses and records what the provider sent, so a test checks both the
//      request translation (what was sent) and the response translation (what came back);
//   2. error injection: scripted 429/400 responses and a dropped connection, and the classification they get;
//   3. the connector inside a mesh: a broken upstream and a healthy one, and the failover between them.
// Each check prints PASS or FAIL; the exit code is 1 when any failed.
using System.Text;
using System.Text.Json;
using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Samples.AcmeCorp;
using ModelMesh.Samples.Testing;
using ModelMesh.Testing;

const string Key = "acme-test-key-0123456789";
var checks = new Checks();

// ── 1. Unit tests with canned HTTP ──────────────────────────────────

await checks.RunAsync("complete: the request is translated to Acme's JSON and the answer back", async token =>
{
    var http = new MockHttpHandler().RespondJson("""
        {"id":"req-001","model_name":"acme-large","result":"Hello from AcmeCorp!","usage":{"in":10,"out":20}}
        """);
    using var provider = new AcmeProvider(new ProviderOptions("acme", "https://ml.internal.acme.com") { ApiKey = Key }, new HttpClient(http));

    var response = await provider.CompleteAsync(new() { Model = "acme-large", Messages = [ChatMessage.User("Say hello.")] }, token);

    // What came back.
    Expect.Equal("req-001", response.Id, "response id");
    Expect.Equal("Hello from AcmeCorp!", response.Choices[0].Message.Content, "response content");
    Expect.Equal(30, response.Usage?.TotalTokens, "total tokens");
    // What was sent.
    var sent = Single(http.Requests);
    Expect.Equal("POST https://ml.internal.acme.com/api/predict", $"{sent.Method} {sent.Uri}", "request line");
    Expect.Equal("Bearer " + Key, sent.Header("Authorization"), "Authorization header");
    using var body = JsonDocument.Parse(sent.Body ?? "null");
    Expect.Equal("acme-large", body.RootElement.GetProperty("model_name").GetString(), "model_name sent");
    Expect.Equal("Say hello.", body.RootElement.GetProperty("prompt").GetString(), "prompt sent");
    Expect.Equal(1024, body.RootElement.GetProperty("params").GetProperty("max_length").GetInt32(), "params.max_length sent (the default)");
});

await checks.RunAsync("stream: each SSE event becomes a chunk, over real HTTP", async token =>
{
    await using var upstream = await LoopbackUpstream.StartAsync(token);
    upstream.EnqueueSse(
        """data: {"id":"s-001","model_name":"acme-large","delta":"Hi"}""" + "\n\n" +
        """data: {"id":"s-001","model_name":"acme-large","delta":"!"}""" + "\n\n" +
        """data: {"id":"s-001","model_name":"acme-large","done":true,"usage":{"in":5,"out":2}}""" + "\n\n" +
        "data: [DONE]\n\n");
    using var provider = new AcmeProvider(new ProviderOptions("acme", upstream.BaseUrl) { ApiKey = Key });

    var reply = new ChatStreamAccumulator();
    await foreach (var chunk in provider.StreamAsync(new() { Model = "acme-large", Messages = [ChatMessage.User("Greet me.")], MaxTokens = 16 }, token))
    {
        reply.Add(chunk);
    }

    Expect.Equal("Hi!", reply.Text, "streamed text");
    Expect.Equal(FinishReason.Stop, reply.ToCompletion().Choices[0].FinishReason, "finish reason");
    Expect.Equal(7, reply.Usage?.TotalTokens, "streamed usage");
    using var body = JsonDocument.Parse(Single(upstream.Requests).Body ?? "null");
    Expect.True(body.RootElement.GetProperty("stream").GetBoolean(), "the request asks for a stream");
    Expect.Equal(16, body.RootElement.GetProperty("params").GetProperty("max_length").GetInt32(), "params.max_length sent (MaxTokens)");
});

// ── 2. Error injection ──────────────────────────────────────────────

await checks.RunAsync("errors: HTTP 429 with Retry-After: 15 is a retryable rate limit", async token =>
{
    await using var upstream = await LoopbackUpstream.StartAsync(token);
    upstream.EnqueueJson("""{"error":{"message":"Slow down.","type":"rate_limit"}}""", 429, new Dictionary<string, string> { ["Retry-After"] = "15" });
    using var provider = new AcmeProvider(new ProviderOptions("acme", upstream.BaseUrl) { ApiKey = Key });

    var error = await Expect.ThrowsAsync<RateLimitException>(() => provider.CompleteAsync(Ask(), token), "a 429");

    Expect.Equal(ProviderErrorCategory.RateLimit, error.Category, "category");
    Expect.True(error.IsRetryable, "a rate limit is retryable");
    Expect.Equal(TimeSpan.FromSeconds(15), error.RetryAfter, "retry after");
    Expect.Equal(429, error.StatusCode, "status");
});

await checks.RunAsync("errors: HTTP 400 is a client error, not retried, and the key it echoes is redacted", async token =>
{
    await using var upstream = await LoopbackUpstream.StartAsync(token);
    upstream.EnqueueJson($$$"""{"error":{"message":"Bad request with key {{{Key}}}.","type":"invalid_request_error"}}""", 400);
    using var provider = new AcmeProvider(new ProviderOptions("acme", upstream.BaseUrl) { ApiKey = Key });

    var error = await Expect.ThrowsAsync<ProviderException>(() => provider.CompleteAsync(Ask(), token), "a 400");

    Expect.Equal(ProviderErrorCategory.Client, error.Category, "category");
    Expect.True(!error.IsRetryable, "a client error is not retryable");
    Expect.True(error.Message.Contains("Bad request with key", StringComparison.Ordinal), $"the upstream's message is kept: {error.Message}");
    Expect.True(!error.ToString().Contains(Key, StringComparison.Ordinal), "the API key does not appear in the exception");
    Expect.Equal(1, upstream.Requests.Count, "requests sent (no retry inside the provider)");
});

await checks.RunAsync("errors: a dropped connection is a retryable network failure", async token =>
{
    var http = new MockHttpHandler().Fail("Connection reset by peer");
    using var provider = new AcmeProvider(new ProviderOptions("acme", "https://ml.internal.acme.com") { ApiKey = Key }, new HttpClient(http));

    var error = await Expect.ThrowsAsync<ProviderException>(() => provider.CompleteAsync(Ask(), token), "a transport failure");

    Expect.Equal(ProviderErrorCategory.Network, error.Category, "category");
    Expect.True(error.IsRetryable, "a network failure is retryable");
});

// ── 3. The connector in a mesh ──────────────────────────────────────

await checks.RunAsync("registry: acme.predict.v1 resolves to AcmeProvider with its catalogue", token =>
{
    var connector = ConnectorRegistry.Get(AcmeProvider.ConnectorId);
    var model = Single(connector.Catalogue);
    Expect.Equal("acme.acme-large", model.Id, "catalogue model");
    Expect.True(model.Serves(Capabilities.Resolve("chat-completion")), "acme-large serves chat-completion");
    Expect.Equal("ACME_API_KEY", connector.ApiKeyEnv, "API key variable");
    using var created = connector.Create(new ProviderOptions("acme", connector.DefaultBaseUrl!) { ApiKey = Key }, null);
    Expect.True(created is AcmeProvider, $"the registry creates an AcmeProvider, not {created.GetType().Name}");
    return Task.CompletedTask;
});

await checks.RunAsync("failover: a pool moves from a 503-ing upstream to a healthy one", async token =>
{
    await using var primary = await LoopbackUpstream.StartAsync(token);
    await using var backup = await LoopbackUpstream.StartAsync(token);
    primary.Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 503, "application/json",
        Encoding.UTF8.GetBytes("""{"error":{"message":"Overloaded.","type":"server_error"}}""")));
    backup.EnqueueJson("""{"id":"req-us","model_name":"acme-large","result":"Hello from the US region.","usage":{"in":4,"out":6}}""");
    using var mesh = new MeshBuilder()
        .AddProvider(new AcmeProvider(new ProviderOptions("acme-eu", primary.BaseUrl) { ApiKey = Key }))
        .AddProvider(new AcmeProvider(new ProviderOptions("acme-us", backup.BaseUrl) { ApiKey = Key }))
        .AddModels(Model("acme-eu"), Model("acme-us"))
        .AddPool(new PoolDefinition
        {
            Id = "chat",
            Capability = "chat-completion",
            Strategy = RotationStrategies.PrioritySelection,
            Rotation = new RotationPolicyOptions { ModelPriority = ["acme-eu.acme-large", "acme-us.acme-large"] },
            Retry = new RetryOptions { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(10) },
        })
        .Build();

    var outcome = new RoutingOutcome();
    var reply = await mesh.Chat.Completions.CreateAsync(Ask("chat"), outcome, token);

    Expect.Equal("Hello from the US region.", reply.Choices[0].Message.Content, "answer");
    Expect.Equal("acme-us.acme-large", outcome.ModelId, "answering model");
    Expect.Equal(2, primary.Requests.Count, "requests to the broken upstream (one retry, then failover)");
    Expect.Equal(1, backup.Requests.Count, "requests to the healthy upstream");
    using var sent = JsonDocument.Parse(backup.Requests[0].Body ?? "null");
    Expect.Equal("acme-large", sent.RootElement.GetProperty("model_name").GetString(), "the upstream model name is sent, not the mesh's id");
    var failed = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "acme-eu.acme-large");
    Expect.Equal(2, failed.Failures, "failures recorded for the broken model");
    Console.WriteLine($"     {outcome}");
});

Console.WriteLine();
Console.WriteLine($"{checks.Passed} passed, {checks.Failed} failed");
return checks.Failed == 0 ? 0 : 1;

static ChatCompletionRequest Ask(string model = "acme-large") => new() { Model = model, Messages = [ChatMessage.User("What is an API?")] };

static ModelDefinition Model(string providerId) => new()
{
    Id = providerId + ".acme-large",
    ProviderId = providerId,
    UpstreamModel = "acme-large",
    Capabilities = ["chat-completion"],
};

static T Single<T>(IReadOnlyList<T> items) =>
    items.Count == 1 ? items[0] : throw new CheckFailedException($"expected exactly one, found {items.Count}");
