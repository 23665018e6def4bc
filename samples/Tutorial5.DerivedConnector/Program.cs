// Tutorial 5: derive from an existing connector.
//
// AzureOpenAIProvider derives OpenAICompatibleProvider and overrides two hooks (headers and endpoint); the generator
// emits only those two overrides, so every other hook stays OpenAI's. The sample streams a reply from a local
// endpoint that serves Azure's route shape, and prints what the upstream received.
using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Samples;
using ModelMesh.Samples.DerivedConnector;

await using var local = await LocalEndpoint.StartAsync("azure");
using var provider = new AzureOpenAIProvider(new ProviderOptions("azure", local.BaseUrl) { ApiKey = "azure-key-here" });

var text = new System.Text.StringBuilder();
await foreach (var chunk in provider.StreamAsync(new ChatCompletionRequest
{
    Model = "gpt-4o-prod",
    Messages = [ChatMessage.User("Explain what an API is in two sentences.")],
}))
{
    text.Append(chunk.Choices.FirstOrDefault()?.Delta.Content);
}

var headers = local.LastChatHeaders!;
Console.WriteLine($"endpoint: {local.LastChatPath}");
Console.WriteLine($"auth: api-key={(headers.ContainsKey("api-key") ? "present" : "missing")}, Authorization={(headers.ContainsKey("Authorization") ? "present" : "absent")}");
Console.WriteLine($"connector: {AzureOpenAIProvider.ConnectorId} (derived from {typeof(AzureOpenAIProvider).BaseType!.Name})");
Console.WriteLine(text);
