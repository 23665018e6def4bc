// Tutorial 8: build your first AI app — a chatbot tutor that streams its answers, has a personality and
// remembers the conversation.
//
// Run it and type questions; type "quit", "exit" or "bye" to stop:
//     dotnet run --project samples/Tutorial8.FirstApp
// With an API key in your environment (OPENAI_API_KEY, GROQ_API_KEY, …) it talks to that AI service. Without
// one it uses ModelMesh's built-in simulated model, which answers without a network (it does not really think:
// its answers only repeat your question). --offline always uses the simulated model; --demo asks two questions
// for you, the way the tutorial does, so you can watch it without typing.
using System.Text;
using ModelMesh;
using ModelMesh.Simulation;

var offline = args.Contains("--offline");
var demo = args.Contains("--demo");

// A client that can talk to AI models. It looks for an API key in your environment (with --offline it is shown an
// empty one, so it always picks the simulated model) and makes a "chat-completion" pool of the models it finds.
using var mesh = EmbeddedMesh.Create(new EmbeddedMeshOptions
{
    Environment = offline ? _ => null : null,
    Pace = TimeSpan.FromMilliseconds(10),
});
var client = mesh.Client;
Console.WriteLine(mesh.IsSimulated
    ? "(No API key found: using ModelMesh's built-in simulated model. Set OPENAI_API_KEY to talk to a real one.)"
    : $"(Talking to: {string.Join(", ", mesh.Providers)})");
Console.WriteLine();

// The system prompt gives the chatbot its personality. Try a pirate, a detective, or your favourite character.
var systemPrompt =
    "You are a friendly science tutor for teenagers. " +
    "Explain things using simple language and fun examples. " +
    "Keep answers under 3 sentences unless asked for more detail.";

// The conversation so far. It starts with the system prompt; every question and every answer is added to it, and
// the whole list is sent each time, so the tutor knows that "it" in "How hot is it?" means the Sun.
var messages = new List<ChatMessage> { ChatMessage.System(systemPrompt) };

string[] demoQuestions = ["What is the Sun made of?", "How hot is it?", "bye"];
var turn = 0;

while (true)
{
    Console.Write("You: ");
    string? userInput;
    if (demo)
    {
        userInput = demoQuestions[turn];
        Console.WriteLine(userInput);
    }
    else
    {
        userInput = Console.ReadLine(); // null when the input ends (Ctrl+D, or the end of a piped file)
        if (userInput is null)
        {
            Console.WriteLine();
        }
    }
    turn++;

    if (userInput is null || userInput.Trim().ToLowerInvariant() is "quit" or "exit" or "bye")
    {
        Console.WriteLine("Tutor: Goodbye! Keep being curious!");
        break;
    }
    if (userInput.Trim().Length == 0)
    {
        continue;
    }

    // Add the question to the conversation.
    messages.Add(ChatMessage.User(userInput));

    // Stream the answer: print each piece as soon as it arrives, and keep the whole answer.
    Console.Write("Tutor: ");
    var assistantResponse = new StringBuilder();
    var request = new ChatCompletionRequest { Model = "chat-completion", Messages = messages };
    await foreach (var chunk in client.Chat.Completions.StreamAsync(request))
    {
        foreach (var choice in chunk.Choices)
        {
            Console.Write(choice.Delta.Content);
            assistantResponse.Append(choice.Delta.Content);
        }
    }
    Console.WriteLine();
    Console.WriteLine();

    // Add the answer to the conversation too: that is the chatbot's memory.
    messages.Add(ChatMessage.Assistant(assistantResponse.ToString()));
}

Console.WriteLine($"(The conversation had {messages.Count} messages: the system prompt, then your questions and the tutor's answers.)");
