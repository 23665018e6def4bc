using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh;

namespace QuickStart;

/// <summary>
/// A tiny OpenAI-compatible server on 127.0.0.1 that streams a canned answer word by word, the way a local
/// runtime (Ollama, LM Studio, vLLM) would, so the quick-start needs no API key and no network.
/// </summary>
internal sealed class LocalEndpoint : IAsyncDisposable
{
    private const string Answer = "An API is a contract that lets one program ask another for data or work, without knowing how it is done inside.";
    private readonly WebApplication _app;

    private LocalEndpoint(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<LocalEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", StreamAnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalEndpoint(app, new Uri(address));
    }

    private static async Task StreamAnswerAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ModelMeshJson.ChatCompletionRequest, context.RequestAborted)
            ?? throw new BadHttpRequestException("Empty request body.");
        context.Response.ContentType = "text/event-stream";
        var words = Answer.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var chunk = new ChatCompletionChunk
            {
                Id = "chatcmpl-local",
                Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                Model = request.Model,
                Choices = [new ChatChunkChoice { Delta = new ChatDelta { Role = i == 0 ? ChatRole.Assistant : null, Content = (i == 0 ? "" : " ") + words[i] } }],
            };
            await WriteEventAsync(context, JsonSerializer.Serialize(chunk, ModelMeshJson.ChatCompletionChunk));
            await Task.Delay(40, context.RequestAborted); // a model producing tokens
        }
        var last = new ChatCompletionChunk
        {
            Id = "chatcmpl-local",
            Model = request.Model,
            Choices = [new ChatChunkChoice { FinishReason = FinishReason.Stop }],
            Usage = new Usage(request.Messages.Sum(m => m.Text.Length / 4 + 1), words.Length),
        };
        await WriteEventAsync(context, JsonSerializer.Serialize(last, ModelMeshJson.ChatCompletionChunk));
        await WriteEventAsync(context, "[DONE]");
    }

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + data + "\n\n"), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
