using System.Globalization;
using ModelMesh.Gateway.Errors;

namespace ModelMesh.Gateway.Http;

/// <summary>
/// The checks OpenAI makes before a request reaches a model, so a bad request is a precise 400 naming its field
/// rather than a failed attempt at every upstream.
/// </summary>
internal static class RequestValidation
{
    public static void Validate(ChatCompletionRequest request)
    {
        Model(request.Model);
        try
        {
            request.Validate();
        }
        catch (InvalidRequestException e)
        {
            throw GatewayRequestException.Invalid(e.Detail, e.ParamName, Code(e.Reason));
        }
        if (request.StreamOptions is not null && request.Stream != true)
        {
            throw GatewayRequestException.Invalid("'stream_options' is only allowed when 'stream' is true.", "stream_options", "invalid_value");
        }
    }

    public static void Validate(EmbeddingRequest request)
    {
        Model(request.Model);
        if (request.Input is null || request.Input.Count == 0)
        {
            throw GatewayRequestException.Invalid("'input' must be a non-empty string or array.", "input", "empty_array");
        }
        if (request.Input.Texts is { } texts && texts.Any(string.IsNullOrEmpty))
        {
            throw GatewayRequestException.Invalid("'input' holds an empty string; every input must have text.", "input", "invalid_value");
        }
        if (request.EncodingFormat is not (null or "float" or "base64"))
        {
            throw GatewayRequestException.Invalid($"'encoding_format' is '{Clip(request.EncodingFormat)}'; expected 'float' or 'base64'.", "encoding_format", "invalid_value");
        }
        Range(request.Dimensions, 1, 65_536, "dimensions");
    }

    public static void Validate(SpeechRequest request)
    {
        Model(request.Model);
        if (string.IsNullOrEmpty(request.Input))
        {
            throw GatewayRequestException.Invalid("'input' must be the text to speak.", "input", "missing_required_parameter");
        }
        Range(request.Speed, 0.25, 4.0, "speed");
    }

    public static void Model(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw GatewayRequestException.Invalid("'model' is required: a pool, capability, model id or upstream model name (GET /v1/models lists them).", "model", "missing_required_parameter");
        }
    }

    private static void Range(double? value, double min, double max, string param)
    {
        if (value is double v && (double.IsNaN(v) || v < min || v > max))
        {
            throw GatewayRequestException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'{param}' is {v}; it must be between {min} and {max}."), param, "invalid_value");
        }
    }

    private static void Range(long? value, long min, long max, string param)
    {
        if (value is long v && (v < min || v > max))
        {
            var bound = max == int.MaxValue ? string.Create(CultureInfo.InvariantCulture, $"at least {min}") : string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}");
            throw GatewayRequestException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'{param}' is {v}; it must be {bound}."), param, "invalid_value");
        }
    }

    private static string Code(InvalidRequestReason reason) => reason switch
    {
        InvalidRequestReason.MissingRequired => "missing_required_parameter",
        InvalidRequestReason.EmptyArray => "empty_array",
        InvalidRequestReason.InvalidType => "invalid_type",
        _ => "invalid_value",
    };

    /// <summary>A client's value echoed in a message: bounded, so a megabyte role does not come back.</summary>
    private static string Clip(string? value) => value is null ? "null" : value.Length <= 64 ? value : value[..64] + "…";
}
