namespace ModelMesh.Providers.Anthropic;

/// <summary>An error body, and the data of an <c>error</c> stream event: <c>{"type":"error","error":{"type":…,"message":…}}</c>.</summary>
internal sealed class AnthropicErrorResponse
{
    public AnthropicErrorDetail? Error { get; init; }
}

/// <summary>The error's type (<c>invalid_request_error</c>, <c>overloaded_error</c>, …) and message.</summary>
internal sealed class AnthropicErrorDetail
{
    public string? Type { get; init; }

    public string? Message { get; init; }
}
