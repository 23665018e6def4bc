using System.Text;
using ModelMesh;
using ModelMesh.AotSmoke;
using ModelMesh.Cdk;

// Native AOT smoke test: a generated custom-format connector, registered by its module initializer, in a two-model
// pool whose first model fails (503) so the mesh fails over, streaming its reply from an in-process fake upstream.
using var failing = new FakeUpstream(fail: true);
using var working = new FakeUpstream(fail: false);

var connector = ConnectorRegistry.Get("aot.acme.v1");
Console.WriteLine($"connector: {connector.Id} vendor={connector.Vendor} models={string.Join(",", connector.Catalogue.Select(m => m.Id))}");

var primary = connector.Create(new ProviderOptions("acme-a", failing.BaseUrl) { ApiKey = "k-a" }, null);
var secondary = connector.Create(new ProviderOptions("acme-b", working.BaseUrl) { ApiKey = "k-b" }, null);
using var mesh = new MeshBuilder()
    .AddProvider(primary)
    .AddProvider(secondary)
    .AddModels(connector.CatalogueFor("acme-a").Concat(connector.CatalogueFor("acme-b")))
    .AddPool(new PoolDefinition
    {
        Id = "chat",
        Models = ["acme-a.acme-large", "acme-b.acme-large"],
        Strategy = "modelmesh.priority-selection.v1",
        Retry = new RetryOptions { MaxAttempts = 1, InitialDelay = TimeSpan.FromMilliseconds(10) },
    })
    .Build();

var text = new StringBuilder();
Usage? usage = null;
await foreach (var chunk in mesh.Chat.Completions.StreamAsync(new ChatCompletionRequest
{
    Model = "chat",
    Messages = [ChatMessage.User("What is an API?")],
}))
{
    text.Append(chunk.Choices.FirstOrDefault()?.Delta.Content);
    usage = chunk.Usage ?? usage;
}

Console.WriteLine($"failover: primary requests={failing.Requests} secondary requests={working.Requests}");
Console.WriteLine($"request body: {working.LastBody}");
Console.WriteLine($"stream: {text}");
Console.WriteLine($"usage: {usage?.PromptTokens}/{usage?.CompletionTokens}");
var ok = failing.Requests >= 1 && working.Requests == 1 && text.ToString() == "An API is a contract between programs."
    && working.LastBody is { } body && body.Contains("\"model_name\":\"acme-large\"", StringComparison.Ordinal) && body.Contains("\"max_length\":1024", StringComparison.Ordinal);
Console.WriteLine(ok ? "AOT smoke: OK" : "AOT smoke: FAILED");
return ok ? 0 : 1;
