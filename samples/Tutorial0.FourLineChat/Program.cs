// Tutorial 0: chat completion in four lines, OpenAI-compatible.
//
// Mesh.Create("chat-completion") scans the environment for provider keys (OPENAI_API_KEY, GROQ_API_KEY, ...) and
// local runtime hosts (OLLAMA_HOST, ...), gives each provider found its default models, builds a pool for the
// capability, and routes model = "chat-completion" to the best active model of that pool.
//
// When no provider is set in the environment (or with --offline), the sample first starts a local
// OpenAI-compatible endpoint and gives Mesh.Create an environment lookup in which OLLAMA_HOST points at it
// (the process environment is not modified), so the same four lines run offline. With a key set, options is null.
using ModelMesh;
using ModelMesh.Samples;

await using var local = SampleEnvironment.Offline(args) ? await LocalEndpoint.StartAsync("ollama") : null;
var options = local is null ? null : new MeshOptions { Environment = SampleEnvironment.Only(new Dictionary<string, string> { ["OLLAMA_HOST"] = local.Address }) };
if (local is not null)
{
    Console.WriteLine($"(offline: Mesh.Create sees only OLLAMA_HOST={local.Address}, a local endpoint)");
}

// The four lines (the first is `using ModelMesh;` above).
var client = Mesh.Create("chat-completion", options);
var reply = await client.Chat.Completions.CreateAsync(new() { Model = "chat-completion", Messages = [ChatMessage.User("Explain what an API is in two sentences.")] });
Console.WriteLine(reply.Choices[0].Message.Content);
