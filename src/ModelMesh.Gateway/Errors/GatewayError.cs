using System.Net;

namespace ModelMesh.Gateway.Errors;

/// <summary>One attempt of a failed request, as told to the client: no upstream text, so no secret.</summary>
/// <param name="Model">The mesh model tried.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="Error">The failure class (<c>rate_limit</c>, <c>server</c>, <c>timeout</c>, …).</param>
/// <param name="Status">The upstream's HTTP status, when it answered.</param>
internal sealed record GatewayAttempt(string Model, string Provider, string Error, int? Status);

/// <summary>An error answer: status, the OpenAI error body's fields, and what else the client needs (attempts, Retry-After).</summary>
internal sealed record GatewayError(GatewayErrorKind Kind, HttpStatusCode Status, string Type, string Message)
{
    /// <summary>The request field at fault (<c>messages[0].role</c>), when one is.</summary>
    public string? Param { get; init; }

    /// <summary>A machine-readable code.</summary>
    public string? Code { get; init; }

    /// <summary>The attempts of a request every upstream failed.</summary>
    public IReadOnlyList<GatewayAttempt>? Attempts { get; init; }

    /// <summary>When the client may try again (a <c>Retry-After</c> header).</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>A request the gateway refuses before it reaches the mesh (bad JSON, a bad field, a body too large).</summary>
internal sealed class GatewayRequestException(GatewayError error) : Exception(error.Message)
{
    public GatewayError Error { get; } = error;

    public static GatewayRequestException Invalid(string message, string? param, string? code = null) =>
        new(new GatewayError(GatewayErrorKind.InvalidRequest, HttpStatusCode.BadRequest, ErrorTypes.InvalidRequest, message) { Param = param, Code = code });
}

/// <summary>The <c>type</c> values of the error bodies (OpenAI's where one exists).</summary>
internal static class ErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Authentication = "authentication_error";
    public const string RateLimit = "rate_limit_error";
    public const string Budget = "budget_exceeded";
    public const string Upstream = "upstream_error";
    public const string Timeout = "timeout_error";
    public const string Unavailable = "service_unavailable";
    public const string Server = "server_error";
}
