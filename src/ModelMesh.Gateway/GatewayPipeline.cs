using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using ModelMesh.Gateway.Endpoints;
using ModelMesh.Gateway.Errors;
using ModelMesh.Gateway.Http;
using ModelMesh.Gateway.Metrics;
using ModelMesh.Gateway.Security;

namespace ModelMesh.Gateway;

/// <summary>
/// The request pipeline: request id → CORS → bearer token → per-client rate limit → the endpoints, and an OpenAI
/// error body for a route or method the gateway does not serve. <c>/health</c> and <c>/ready</c> need no token
/// (probes of orchestrators carry none); everything else does when tokens are configured.
/// </summary>
internal static class GatewayPipeline
{
    public static void Configure(WebApplication app, GatewayContext gateway)
    {
        var options = gateway.Options;
        app.Use(static (http, next) =>
        {
            var id = GatewayHeaders.RequestIdOf(http.Request);
            http.TraceIdentifier = id;
            http.Response.Headers[GatewayHeaders.RequestId] = id;
            return next(http);
        });
        if (options.CorsOrigins.Count > 0)
        {
            app.UseCors(policy =>
            {
                if (options.CorsOrigins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins(options.CorsOrigins.ToArray());
                }
                policy.AllowAnyHeader().AllowAnyMethod()
                    .WithExposedHeaders(GatewayHeaders.Model, GatewayHeaders.Provider, GatewayHeaders.Attempts, GatewayHeaders.Pool, GatewayHeaders.RequestId);
            });
        }
        if (gateway.Tokens.Required)
        {
            app.Use((http, next) => Authenticate(http, next, gateway));
        }
        if (options.RequestsPerMinute is int rate)
        {
            var limiter = new ClientRateLimiter(rate, options.Burst ?? rate);
            app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
            app.Use((http, next) => Limit(http, next, gateway, limiter));
        }

        app.MapPost("/v1/chat/completions", http => Exchange.RunAsync(http, gateway, Route.ChatCompletions, ChatCompletionsEndpoint.HandleAsync));
        app.MapPost("/v1/embeddings", http => Exchange.RunAsync(http, gateway, Route.Embeddings, EmbeddingsEndpoint.HandleAsync));
        app.MapPost("/v1/audio/speech", http => Exchange.RunAsync(http, gateway, Route.Speech, AudioEndpoints.SpeechAsync));
        app.MapPost("/v1/audio/transcriptions", http => Exchange.RunAsync(http, gateway, Route.Transcriptions, AudioEndpoints.TranscriptionAsync));
        app.MapGet("/v1/models", http => Exchange.RunAsync(http, gateway, Route.Models, ModelsEndpoint.ListAsync));
        app.MapGet("/v1/models/{**id}", http => Exchange.RunAsync(http, gateway, Route.Models, ModelsEndpoint.RetrieveAsync));
        app.MapGet("/health", http => StatusEndpoints.HealthAsync(http, gateway));
        app.MapGet("/ready", http => StatusEndpoints.ReadyAsync(http, gateway));
        app.MapGet("/metrics", http => StatusEndpoints.MetricsAsync(http, gateway));
        app.MapGet("/admin/status", http => StatusEndpoints.AdminStatusAsync(http, gateway));
        app.UseStatusCodePages(static async context =>
        {
            // Routing answered on its own (no route, or a route without this method): say so as the API does.
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            if (status is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
            {
                var message = status == StatusCodes.Status404NotFound
                    ? $"No such endpoint: {http.Request.Method} {Clip(http.Request.Path.Value)}. The gateway serves /v1/chat/completions, /v1/embeddings, /v1/audio/speech, /v1/audio/transcriptions, /v1/models, /health, /ready and /metrics."
                    : $"{http.Request.Method} is not allowed on {Clip(http.Request.Path.Value)}.";
                await ErrorBody.WriteAsync(http, new GatewayError(GatewayErrorKind.NotFound, (HttpStatusCode)status, ErrorTypes.InvalidRequest, message)
                {
                    Code = status == StatusCodes.Status404NotFound ? "unknown_url" : "method_not_allowed",
                }).ConfigureAwait(false);
            }
        });
    }

    private static Task Authenticate(HttpContext http, RequestDelegate next, GatewayContext gateway)
    {
        var path = http.Request.Path;
        if (path.Equals("/health", StringComparison.Ordinal) || path.Equals("/ready", StringComparison.Ordinal) || HttpMethods.IsOptions(http.Request.Method))
        {
            return next(http);
        }
        var match = gateway.Tokens.Match(http.Request);
        if (match >= 0)
        {
            http.Items[ClientKey] = TokenKeys[Math.Min(match, TokenKeys.Length - 1)];
            return next(http);
        }
        gateway.Metrics.Error(GatewayErrorKind.Unauthorized);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        var message = http.Request.Headers.Authorization.Count == 0
            ? "No bearer token: send 'Authorization: Bearer <token>'."
            : "The bearer token is not accepted.";
        return ErrorBody.WriteAsync(http, new GatewayError(GatewayErrorKind.Unauthorized, HttpStatusCode.Unauthorized, ErrorTypes.Authentication, message) { Code = "invalid_api_key" });
    }

    private static Task Limit(HttpContext http, RequestDelegate next, GatewayContext gateway, ClientRateLimiter limiter)
    {
        if (!http.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            return next(http);
        }
        var client = http.Items[ClientKey] as string ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.TryAcquire(client) is not TimeSpan wait)
        {
            return next(http);
        }
        gateway.Metrics.Error(GatewayErrorKind.RateLimited);
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        return ErrorBody.WriteAsync(http, new GatewayError(GatewayErrorKind.RateLimited, HttpStatusCode.TooManyRequests, ErrorTypes.RateLimit,
            string.Create(CultureInfo.InvariantCulture, $"Rate limit reached: at most {gateway.Options.RequestsPerMinute} requests per minute. Try again in {seconds} s."))
        {
            Code = "rate_limit_exceeded",
            RetryAfter = wait,
        });
    }

    /// <summary>The item holding the client's rate-limit partition: which token it authenticated with.</summary>
    private const string ClientKey = "modelmesh.client";

    // Partition keys for tokens, made once: the limiter never sees a token itself.
    private static readonly string[] TokenKeys = Enumerable.Range(0, 256).Select(i => "token:" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string Clip(string? value) => value is null ? string.Empty : value.Length <= 100 ? value : value[..100] + "…";
}
