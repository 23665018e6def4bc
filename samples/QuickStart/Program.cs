// ModelMesh quick-start: stream a chat reply from an OpenAI-compatible endpoint.
// The sample starts a local endpoint itself, so it runs with no API key and no network.
using ModelMesh;
using ModelMesh.Cdk;
using QuickStart;

await using var endpoint = await LocalEndpoint.StartAsync();
Console.WriteLine($"Local OpenAI-compatible endpoint: {endpoint.BaseUrl}");

using var provider = new OpenAICompatibleProvider(new ProviderOptions("local", endpoint.BaseUrl));
var request = new ChatCompletionRequest
{
    Model = "local-llama",
    Messages = [ChatMessage.System("Be brief."), ChatMessage.User("What is an API?")],
};

var reply = new ChatStreamAccumulator();
await foreach (var chunk in provider.StreamAsync(request))
{
    reply.Add(chunk);
    foreach (var choice in chunk.Choices)
    {
        Console.Write(choice.Delta.Content); // printed as each chunk arrives
    }
}
Console.WriteLine();

var completion = reply.ToCompletion();
Console.WriteLine($"[finish: {completion.Choices[0].FinishReason}; tokens: {completion.Usage?.PromptTokens} in, {completion.Usage?.CompletionTokens} out; {reply.ChunkCount} chunks]");
