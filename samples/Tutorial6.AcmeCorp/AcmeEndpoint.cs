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

namespace ModelMesh.Samples.AcmeCorp;

/// <summary>A local stand-in for AcmeCorp's ML platform: <c>POST /api/predict</c>, one JSON answer or an SSE stream.</summary>
internal sealed class AcmeEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AcmeEndpoint(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<AcmeEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/predict", PredictAsync);
        await app.StartAsync();
        return new AcmeEndpoint(app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    private static async Task PredictAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var model = request.RootElement.GetProperty("model_name").GetString();
        var maxLength = request.RootElement.GetProperty("params").GetProperty("max_length").GetInt32();
        var stream = request.RootElement.TryGetProperty("stream", out var s) && s.GetBoolean();
        var words = $"AcmeCorp {model} says: an API is a contract between programs (max_length {maxLength}).".Split(' ');
        if (!stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { id = "acme-1", model_name = model, result = string.Join(' ', words), usage = new { @in = 5, @out = words.Length } }));
            return;
        }
        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < words.Length; i++)
        {
            await WriteAsync(context, JsonSerializer.Serialize(new { id = "acme-2", model_name = model, delta = (i == 0 ? "" : " ") + words[i] }));
        }
        await WriteAsync(context, JsonSerializer.Serialize(new { id = "acme-2", model_name = model, done = true, usage = new { @in = 5, @out = words.Length } }));
        await WriteAsync(context, "[DONE]");
    }

    private static async Task WriteAsync(HttpContext context, string data)
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
