// ModelMesh quick-start: stream a chat reply through the mesh. The request names a capability
// ("chat-completion"), not a model; the mesh routes it to a model of the providers it found in the
// environment and, when one breaks before the first token, fails over to the next without the caller noticing.
//
// The sample starts two local OpenAI-compatible endpoints itself, so it needs no API key and no network:
// one plays an Ollama server that is overloaded (every request gets HTTP 503), the other an LM Studio server.
using ModelMesh;
using ModelMesh.Samples;

await using var ollama = await LocalEndpoint.StartAsync("ollama", failWith: 503);
await using var lmStudio = await LocalEndpoint.StartAsync("lmstudio");
Console.WriteLine($"Local endpoints: Ollama at {ollama.Address} (overloaded: answers 503), LM Studio at {lmStudio.Address}");

// Mesh.Create detects providers from environment variables (OPENAI_API_KEY, ..., OLLAMA_HOST, LMSTUDIO_HOST).
// This lookup shows it only the two local hosts, so the quick-start behaves the same whatever your shell holds;
// the real environment is not modified. Leave Environment out to use the process environment.
using var client = Mesh.Create("chat-completion", new MeshOptions
{
    Environment = SampleEnvironment.Only(new Dictionary<string, string>
    {
        ["OLLAMA_HOST"] = ollama.Address,
        ["LMSTUDIO_HOST"] = lmStudio.Address,
    }),
    // llama3 is in Ollama's catalogue; an LM Studio model is whatever you loaded, named here as "lmstudio.<name>".
    Models = ["ollama.llama3", "lmstudio.qwen2.5-7b-instruct"],
    // Retry a failing model once after a short backoff, then fail over (the defaults are 3 attempts from 500 ms).
    Retry = new RetryOptions { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(50) },
});
Console.Write(client.Describe());

var request = new ChatCompletionRequest
{
    Model = "chat-completion",
    Messages = [ChatMessage.System("Be brief."), ChatMessage.User("What is an API?")],
};
Console.WriteLine();
Console.WriteLine("> What is an API?");
var reply = new ChatStreamAccumulator();
await foreach (var chunk in client.Chat.Completions.StreamAsync(request))
{
    reply.Add(chunk);
    foreach (var choice in chunk.Choices)
    {
        Console.Write(choice.Delta.Content); // printed as each chunk arrives
    }
}
Console.WriteLine();
var completion = reply.ToCompletion();
Console.WriteLine($"[finish: {completion.Choices[0].FinishReason}; {reply.ChunkCount} chunks]");
Console.WriteLine();

// Which model answered, and what happened to the one that did not.
var pool = client.PoolStatus("chat-completion");
var answered = pool.Models.Single(m => m.LastSuccessAt is not null);
var failed = pool.Models.Single(m => m.ProviderId == "ollama");
Console.WriteLine($"{failed.ModelId} failed {failed.Failures} time(s) with HTTP 503 ({ollama.Requests} requests reached it: one retry, then the mesh failed over before the first token).");
Console.WriteLine($"Answered by {answered.ModelId} via {answered.ProviderId}; the next request goes to {pool.CurrentModel}.");
Console.Write(client.Describe());
Console.WriteLine("Usage:");
Console.WriteLine(SampleOutput.Format(client.Usage));
