// Tutorial 3: custom error handling for an API that reports errors inside HTTP 200 responses.
//
// A local "internal ML API" answers the first three requests with in-band errors ("rate_limited", "model_loading",
// "invalid_input") and then with a result. The provider's ClassifyError hook turns each into a category,
// retryability and retry delay; everything else (transport, timeouts, redaction) is inherited from BaseProvider.
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Samples.CustomErrors;

string[] answers =
[
    """{"error":{"code":"rate_limited","message":"Too many requests from this team."}}""",
    """{"error":{"code":"model_loading","message":"ml-large is warming up."}}""",
    """{"error":{"code":"invalid_input","message":"The prompt is empty."}}""",
    """{"request_id":"req-42","model_name":"ml-large","output":"An API is a contract between programs.","tokens":{"input":6,"output":8}}""",
];
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
await using var app = builder.Build();
var served = 0;
app.MapPost("/v2/generate", async (HttpContext context) =>
{
    context.Response.ContentType = "application/json";
    await context.Response.WriteAsync(answers[Math.Min(served++, answers.Length - 1)]);
});
await app.StartAsync();
var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

using var provider = new InternalMlProvider(new ProviderOptions("internal-ml", baseUrl));
var request = new ChatCompletionRequest { Model = "ml-large", Messages = [ChatMessage.User("What is an API?")] };
for (var attempt = 1; ; attempt++)
{
    try
    {
        var completion = await provider.CompleteAsync(request);
        Console.WriteLine($"attempt {attempt}: {completion.Choices[0].Message.Content} ({completion.Usage?.TotalTokens} tokens)");
        break;
    }
    catch (ProviderException e)
    {
        var retry = e.RetryAfter is { } after ? $", retry after {after.TotalSeconds:0}s" : string.Empty;
        Console.WriteLine($"attempt {attempt}: {e.ErrorCode} -> {e.Category}, {(e.IsRetryable ? "retryable" : "not retryable")}{retry}");
    }
}
