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
            await context.Response.WriteAsync(Json(w =>
            {
                w.WriteString("id", "acme-1");
                w.WriteString("model_name", model);
                w.WriteString("result", string.Join(' ', words));
                WriteUsage(w, words.Length);
            }));
            return;
        }
        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < words.Length; i++)
        {
            var delta = (i == 0 ? "" : " ") + words[i];
            await WriteAsync(context, Json(w =>
            {
                w.WriteString("id", "acme-2");
                w.WriteString("model_name", model);
                w.WriteString("delta", delta);
            }));
        }
        await WriteAsync(context, Json(w =>
        {
            w.WriteString("id", "acme-2");
            w.WriteString("model_name", model);
            w.WriteBoolean("done", true);
            WriteUsage(w, words.Length);
        }));
        await WriteAsync(context, "[DONE]");
    }

    /// <summary>One JSON object written with Utf8JsonWriter (no reflection, so the sample stays AOT-clean).</summary>
    private static string Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteUsage(Utf8JsonWriter writer, int outputWords)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("in", 5);
        writer.WriteNumber("out", outputWords);
        writer.WriteEndObject();
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
