// Tutorial 6: the AcmeCorp provider — a custom JSON API, connected with wire records and mapping hooks only.
//
// The generated module initializer registers "acme.predict.v1", so a config file names it like any shipped
// connector. The mesh is built from that file; one answer is fetched whole and one streamed, from a local endpoint.
using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Samples.AcmeCorp;

await using var acme = await AcmeEndpoint.StartAsync();
var connector = ConnectorRegistry.Get("acme.predict.v1");
var model = connector.Catalogue[0];
Console.WriteLine($"registered: {connector.Id} -> {model.Id} (context {model.ContextWindow}, ${model.Pricing!.InputPer1K}/1K in, ${model.Pricing.OutputPer1K}/1K out)");

var config = Path.Combine(Path.GetTempPath(), $"acme-{Environment.ProcessId}.yaml");
File.WriteAllText(config, $$"""
    providers:
      acme:
        connector: acme.predict.v1
        config: { api_key: "acme-key", base_url: "{{acme.BaseUrl}}" }
    models:
      acme.acme-large:
        provider: acme
        capabilities: [chat-completion]
    pools:
      chat:
        capability: chat-completion
    """);
try
{
    using var mesh = Mesh.FromConfig(config, new MeshConfigOptions { ReloadOnChange = false });
    var request = new ChatCompletionRequest { Model = "chat", Messages = [ChatMessage.User("What is an API?")], MaxTokens = 256 };

    var whole = await mesh.Chat.Completions.CreateAsync(request);
    Console.WriteLine($"complete: {whole.Choices[0].Message.Content}");

    Console.Write("stream: ");
    await foreach (var chunk in mesh.Chat.Completions.StreamAsync(request))
    {
        Console.Write(chunk.Choices.FirstOrDefault()?.Delta.Content);
    }
    Console.WriteLine();
}
finally
{
    File.Delete(config);
}
