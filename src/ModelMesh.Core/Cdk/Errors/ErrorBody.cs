using System.Globalization;
using System.Text.Json;

namespace ModelMesh.Cdk;

/// <summary>
/// The fields ModelMesh reads from an error body, whatever the upstream's layout: OpenAI
/// <c>{"error":{message,type,code,param}}</c>, Anthropic <c>{"type":"error","error":{type,message}}</c>,
/// Google <c>{"error":{code,message,status,details}}</c>, or a bare <c>{"message"}</c> / <c>{"error":"…"}</c>.
/// </summary>
public sealed record ErrorBody
{
    /// <summary>The human-readable message.</summary>
    public string? Message { get; init; }

    /// <summary>The error type (<c>invalid_request_error</c>, <c>rate_limit_error</c>, …).</summary>
    public string? Type { get; init; }

    /// <summary>The code, as text (numeric codes included).</summary>
    public string? Code { get; init; }

    /// <summary>The parameter at fault.</summary>
    public string? Param { get; init; }

    /// <summary>The code of an Azure <c>innererror</c> (<c>ResponsibleAIPolicyViolation</c>), which is stabler than its outer code.</summary>
    public string? InnerCode { get; init; }

    /// <summary>A Google RPC status (<c>RESOURCE_EXHAUSTED</c>, <c>INVALID_ARGUMENT</c>, …).</summary>
    public string? Status { get; init; }

    /// <summary>A retry delay found in the body (Google <c>RetryInfo.retryDelay</c>), at most <see cref="DefaultErrorClassifier.MaxRetryAfter"/>.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>Reads an error body; returns an empty record when it is not JSON or has no recognisable fields.</summary>
    public static ErrorBody Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return new ErrorBody();
        }
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            using var doc = JsonDocument.ParseValue(ref reader);
            return FromElement(doc.RootElement);
        }
        catch (JsonException)
        {
            return new ErrorBody();
        }
    }

    /// <summary>Reads the error fields of a parsed body.</summary>
    public static ErrorBody FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new ErrorBody();
        }
        var error = root;
        if (root.TryGetProperty("error", out var inner))
        {
            if (inner.ValueKind == JsonValueKind.String)
            {
                return new ErrorBody { Message = inner.GetString(), Type = Text(root, "type") is "error" ? null : Text(root, "type") };
            }
            if (inner.ValueKind == JsonValueKind.Object)
            {
                error = inner;
            }
        }
        return new ErrorBody
        {
            Message = Text(error, "message") ?? Text(root, "message") ?? Text(error, "detail"),
            Type = Text(error, "type") is { } t && t != "error" ? t : null,
            Code = Text(error, "code"),
            Param = Text(error, "param"),
            Status = Text(error, "status"),
            InnerCode = error.TryGetProperty("innererror", out var innerError) && innerError.ValueKind == JsonValueKind.Object ? Text(innerError, "code") : null,
            RetryDelay = FindRetryDelay(error),
        };
    }

    private static string? Text(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static TimeSpan? FindRetryDelay(JsonElement error)
    {
        if (!error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind == JsonValueKind.Object
                && Text(detail, "retryDelay") is { } delay
                && delay.EndsWith('s')
                && double.TryParse(delay.AsSpan(0, delay.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && DefaultErrorClassifier.SecondsAsRetryDelay(seconds) is { } wait)
            {
                return wait; // at most DefaultErrorClassifier.MaxRetryAfter, whatever the number
            }
        }
        return null;
    }
}
