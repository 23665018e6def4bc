// Any OpenAI client works against the gateway: point it at the gateway's /v1 and name a pool as the model.
// Start the gateway first: dotnet run --project src/ModelMesh.Cli -- serve
using System.ClientModel;
using OpenAI;
using OpenAI.Chat;

var endpoint = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080/v1");
var token = Environment.GetEnvironmentVariable("MODELMESH_TOKEN") ?? "no-token-needed";
var chat = new ChatClient("chat-completion", new ApiKeyCredential(token), new OpenAIClientOptions { Endpoint = endpoint });

ChatCompletion reply = await chat.CompleteChatAsync("What is an API?");
Console.WriteLine(reply.Content[0].Text);

await foreach (var update in chat.CompleteChatStreamingAsync("Tell me a story."))
{
    foreach (var part in update.ContentUpdate)
    {
        Console.Write(part.Text);
    }
}
Console.WriteLine();
