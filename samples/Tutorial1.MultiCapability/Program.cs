// Tutorial 1: multi-provider rotation with capabilities.
//
// One Mesh.Create call asks for two capabilities; the client serves both through the same OpenAI-shaped surface
// (Chat.Completions for "chat-completion", Embeddings for "text-embeddings"). Providers filters the providers
// found in the environment; Strategy = "cost-first" makes each pool pick the model the request costs least on.
//
// With no OpenAI key in the environment (or with --offline), the sample starts a local OpenAI-compatible endpoint
// and gives Mesh.Create an environment lookup with OPENAI_API_KEY=<dummy> and OPENAI_BASE_URL=<the endpoint>,
// the base-URL override the OpenAI SDKs honour too; the process environment is not modified.
using ModelMesh;
using ModelMesh.Samples;

await using var local = SampleEnvironment.Offline(args, "openai", "anthropic") ? await LocalEndpoint.StartAsync("openai") : null;
var environment = local is null ? null : SampleEnvironment.Only(new Dictionary<string, string>
{
    ["OPENAI_API_KEY"] = "sk-local-dummy",
    ["OPENAI_BASE_URL"] = local.Address + "/v1",
});
if (local is not null)
{
    Console.WriteLine($"(offline: Mesh.Create sees only OPENAI_API_KEY=sk-local-dummy and OPENAI_BASE_URL={local.Address}/v1, a local endpoint)");
}

using var client = Mesh.Create(["chat-completion", "text-embeddings"], new MeshOptions
{
    Providers = ["openai", "anthropic"],
    Strategy = "cost-first",
    Environment = environment, // null: the process environment
});
Console.Write(client.Describe());
Console.WriteLine();

// Chat completion. Explain is a dry run of the routing decision: nothing is sent and no state changes.
var request = new ChatCompletionRequest
{
    Model = "chat-completion",
    Messages = [ChatMessage.User("Hello!")],
};
Console.WriteLine(SampleOutput.Format(client.Explain(request)));
var response = await client.Chat.Completions.CreateAsync(request);
Console.WriteLine(response.Choices[0].Message.Content);
Console.WriteLine();

// Embeddings.
var embeddings = await client.Embeddings.CreateAsync(new EmbeddingRequest
{
    Model = "text-embeddings",
    Input = "Hello world",
});
Console.WriteLine($"Embedding dimension: {embeddings.Data[0].Vector.Values.Length}");
Console.WriteLine();

Console.WriteLine("Usage (cost from the catalogue's prices):");
Console.WriteLine(SampleOutput.Format(client.Usage));
