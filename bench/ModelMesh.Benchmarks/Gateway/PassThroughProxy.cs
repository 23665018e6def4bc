using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// The floor for any HTTP hop: Kestrel forwarding each request's body to the upstream with an
/// <see cref="HttpClient"/> and copying status, content type and body back as they arrive — no parsing, no
/// routing, no validation. What the gateway costs above this is its own work; what this costs above a direct call
/// is the price of a second HTTP exchange on loopback.
/// </summary>
internal sealed class PassThroughProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private PassThroughProxy(WebApplication app, HttpClient upstream, Uri address)
    {
        _app = app;
        _upstream = upstream;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<PassThroughProxy> StartAsync(Uri upstream)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = upstream };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            using var forward = new HttpRequestMessage(HttpMethod.Post, new Uri(context.Request.Path.Value!.TrimStart('/'), UriKind.Relative))
            {
                Content = new StreamContent(context.Request.Body),
            };
            forward.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            forward.Content.Headers.ContentLength = context.Request.ContentLength;
            using var answer = await client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            context.Response.ContentLength = answer.Content.Headers.ContentLength;
            await using var body = await answer.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PassThroughProxy(app, client, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
    }
}
