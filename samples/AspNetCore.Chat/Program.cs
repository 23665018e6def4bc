// An ASP.NET Core app that uses ModelMesh the way most apps use an AI client: through dependency injection.
//
// AddModelMesh reads the mesh from the "ModelMesh" section of appsettings.json (here the built-in simulated provider,
// so the app runs with no key; put a real provider there instead) and registers it as Microsoft.Extensions.AI's
// IChatClient. The app registers its own IChatClient on top: the chat-completion pool with the function-invoking step
// of the M.E.AI pipeline. POST /ask takes that IChatClient and gives the model one tool. No `using ModelMesh;`: the
// registration is found through Microsoft.Extensions.DependencyInjection.
//
//     dotnet run --project samples/AspNetCore.Chat
//     curl -s localhost:5000/ask -H "Content-Type: application/json" -d '{"question":"When does the museum open?"}'
//
// --self-test starts the app on a free loopback port, asks its own endpoint a question (and an empty one, which gets
// HTTP 400), prints the answers and exits: 0, or 1 when the tool was not called or the empty question not refused.
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;
using MuseumChat;

var selfTest = args.Contains("--self-test");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "--self-test").ToArray(),
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json is copied next to the app
});
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));

// The mesh, from configuration: MeshClient, IChatClient (the chat-completion pool) and keyed IChatClients per pool.
builder.Services.AddModelMesh(builder.Configuration.GetSection("ModelMesh"));
// The app's IChatClient: the mesh's pool behind the M.E.AI pipeline (registered after AddModelMesh, so it is the one
// an unkeyed IChatClient resolves to). When the model asks for a tool, FunctionInvokingChatClient runs it and sends
// the result back.
builder.Services.AddChatClient(services => services.GetRequiredKeyedService<IChatClient>("chat-completion"))
    .UseFunctionInvocation();

if (selfTest)
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
}

var app = builder.Build();

app.MapPost("/ask", async Task<Results<Ok<AskResponse>, ValidationProblem>> (AskRequest ask, [FromServices] IChatClient chat, CancellationToken cancellationToken) =>
{
    if (string.IsNullOrWhiteSpace(ask.Question))
    {
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["question"] = ["Ask a question: 'question' is missing or empty."] });
    }
    List<ChatMessage> messages =
    [
        new(ChatRole.System, "You answer visitors' questions about the ModelMesh museum. Use the tools for facts."),
        new(ChatRole.User, ask.Question),
    ];
    var response = await chat.GetResponseAsync(messages, new ChatOptions { Tools = [MuseumTools.OpeningHours] }, cancellationToken);
    var toolsCalled = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.Name).ToArray();
    return TypedResults.Ok(new AskResponse(response.Text, toolsCalled, response.ModelId));
});

if (!selfTest)
{
    await app.RunAsync();
    return 0;
}

await app.StartAsync();
try
{
    using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    using var reply = await http.PostAsJsonAsync("/ask", new AskRequest("When does the museum open today?"), AppJsonContext.Default.AskRequest);
    reply.EnsureSuccessStatusCode();
    var answer = await reply.Content.ReadFromJsonAsync(AppJsonContext.Default.AskResponse)
        ?? throw new InvalidOperationException("POST /ask answered JSON null.");
    Console.WriteLine($"POST /ask -> HTTP {(int)reply.StatusCode}");
    Console.WriteLine($"tools called: {string.Join(", ", answer.ToolsCalled)}");
    Console.WriteLine($"model: {answer.Model}");
    Console.WriteLine($"answer: {answer.Answer}");
    using var empty = await http.PostAsJsonAsync("/ask", new AskRequest(""), AppJsonContext.Default.AskRequest);
    Console.WriteLine($"POST /ask with no question -> HTTP {(int)empty.StatusCode}");
    return answer.ToolsCalled.Contains("get_opening_hours") && empty.StatusCode == System.Net.HttpStatusCode.BadRequest ? 0 : 1;
}
finally
{
    await app.StopAsync();
}
