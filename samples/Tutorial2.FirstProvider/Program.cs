// Tutorial 2: your first provider — zero lines of connector code.
//
// MyOpenAIProvider is only attributes on a partial class deriving OpenAICompatibleProvider: every hook keeps its
// OpenAI default. The generator adds its constructor, ConnectorId, the Catalogue from [ModelInfo], and a module
// initializer that registers "myopenai.chat.v1" in the ConnectorRegistry (so `connector: myopenai.chat.v1` works
// in a config file). The sample answers from a local OpenAI-compatible endpoint, offline.
using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Samples;

await using var local = await LocalEndpoint.StartAsync("myopenai");

var connector = ConnectorRegistry.Get(MyOpenAIProvider.ConnectorId);
Console.WriteLine($"registered: {connector.Id} (vendor {connector.Vendor}, catalogue: {string.Join(", ", connector.Catalogue.Select(m => m.Id))})");

// 2. Instantiate (the base URL points at the local endpoint instead of api.openai.com).
using var provider = new MyOpenAIProvider(new ProviderOptions("myopenai", local.BaseUrl) { ApiKey = "sk-your-key-here" });

// 3. Use
var response = await provider.CompleteAsync(new ChatCompletionRequest
{
    Model = "gpt-4o",
    Messages = [ChatMessage.User("Say hello in three languages.")],
});
Console.WriteLine(response.Choices[0].Message.Content);
Console.WriteLine($"Tokens used: {response.Usage?.TotalTokens}");

/// <summary>1. Configure — this is the entire connector.</summary>
[Provider("myopenai.chat.v1", BaseUrl = "https://api.openai.com", ApiKeyEnv = "OPENAI_API_KEY")]
[ModelInfo("gpt-4o", "generation.text-generation.chat-completion", ContextWindow = 128_000, MaxOutputTokens = 16_384,
    Features = ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.SystemPrompt)]
internal sealed partial class MyOpenAIProvider : OpenAICompatibleProvider;
