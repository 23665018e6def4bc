using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelMesh.Gateway.Endpoints;
using ModelMesh.Gateway.Metrics;

namespace ModelMesh.Gateway;

/// <summary>
/// The OpenAI-compatible gateway over a mesh (<c>modelmesh serve</c>): Kestrel with minimal APIs, no routing of
/// its own — every API call is one <see cref="MeshClient"/> call, and every answer names the model that served it
/// (<c>x-modelmesh-model</c>, <c>x-modelmesh-provider</c>, <c>x-modelmesh-attempts</c>, <c>x-request-id</c>).
/// </summary>
/// <remarks>The mesh stays the caller's: disposing the server does not dispose it.</remarks>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GatewayContext _context;

    private GatewayServer(WebApplication app, GatewayContext context)
    {
        _app = app;
        _context = context;
    }

    /// <summary>The gateway's version (the assembly's informational version).</summary>
    public static string Version { get; } =
        typeof(GatewayServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } version
            ? version.Split('+')[0]
            : "0.0.0";

    /// <summary>The address the gateway listens on, with the real port when <see cref="GatewayOptions.Port"/> was 0; null before <see cref="StartAsync"/>.</summary>
    public Uri? Address { get; private set; }

    /// <summary>The options the gateway runs with.</summary>
    public GatewayOptions Options => _context.Options;

    /// <summary>Builds a gateway over <paramref name="mesh"/>; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="mesh">The mesh every API call goes to.</param>
    /// <param name="options">Address, tokens, limits; null for the defaults (127.0.0.1:8080, no authentication).</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public static GatewayServer Create(MeshClient mesh, GatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        options ??= new GatewayOptions();
        GatewaySetup.Check(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "modelmesh", ContentRootPath = AppContext.BaseDirectory });
        // The gateway's settings are its options; appsettings files and ASPNETCORE_ variables must not change them.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        if (options.LoggerProvider is { } provider)
        {
            builder.Logging.AddProvider(provider);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", level => level >= LogLevel.Warning && level >= options.LogLevel);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout);
        builder.WebHost.UseKestrel(kestrel =>
        {
            GatewaySetup.Listen(kestrel, options);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        if (options.CorsOrigins.Count > 0)
        {
            builder.Services.AddCors();
        }
        var app = builder.Build();
        var context = new GatewayContext(mesh, options, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ModelMesh.Gateway"));
        GatewayPipeline.Configure(app, context);
        return new GatewayServer(app, context);
    }

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses?.FirstOrDefault() is { } first)
        {
            // Kestrel reports a wildcard as "[::]" or "0.0.0.0"; the reachable loopback form is what callers can use.
            Address = new Uri(first.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>Waits until the gateway is told to stop (SIGTERM, Ctrl+C, or <see cref="StopAsync"/>) and has drained.</summary>
    /// <param name="cancellationToken">Stops waiting (the gateway keeps running).</param>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Stops accepting connections and lets requests in flight — streams included — finish within
    /// <see cref="GatewayOptions.DrainTimeout"/>; what is still open then is closed.
    /// </summary>
    /// <param name="cancellationToken">Ends the drain early.</param>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops the gateway if it runs and releases it; the mesh is not disposed.</summary>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    internal GatewayMetrics Metrics => _context.Metrics;
}
