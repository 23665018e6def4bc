using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using ModelMesh.Gateway.Errors;
using ModelMesh.Gateway.Http;

namespace ModelMesh.Gateway.Endpoints;

/// <summary><c>POST /v1/audio/speech</c> (JSON in, audio bytes out) and <c>POST /v1/audio/transcriptions</c> (multipart in).</summary>
internal static class AudioEndpoints
{
    public static async Task SpeechAsync(HttpContext http, GatewayContext gateway, RoutingOutcome outcome)
    {
        SpeechRequest request;
        using (var body = await RequestBody.ReadAsync(http, gateway.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = RequestJson.Parse(body.Span, ModelMeshJson.SpeechRequest);
        }
        RequestValidation.Validate(request);
        var result = await gateway.Mesh.Audio.Speech.CreateAsync(request, outcome, http.RequestAborted).ConfigureAwait(false);
        var response = http.Response;
        GatewayHeaders.ServedBy(response, outcome);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = result.ContentType ?? ContentTypeOf(result.Format);
        response.ContentLength = result.Audio.Length;
        await response.Body.WriteAsync(result.Audio, http.RequestAborted).ConfigureAwait(false);
    }

    public static async Task TranscriptionAsync(HttpContext http, GatewayContext gateway, RoutingOutcome outcome)
    {
        if (!http.Request.HasFormContentType)
        {
            throw GatewayRequestException.Invalid("A transcription request is multipart/form-data with a 'file' and a 'model'.", null, "invalid_content_type");
        }
        var declared = http.Request.ContentLength;
        if (declared > gateway.Options.MaxRequestBodyBytes)
        {
            throw RequestBody.TooLarge(gateway.Options.MaxRequestBodyBytes);
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw RequestBody.TooLarge(gateway.Options.MaxRequestBodyBytes);
        }
        catch (InvalidDataException e)
        {
            // A malformed multipart body, or one above the form limits: the client's to fix.
            throw GatewayRequestException.Invalid("The multipart body could not be read: " + e.Message, null, "invalid_multipart");
        }
        var file = form.Files.GetFile("file") ?? throw GatewayRequestException.Invalid("'file' is required: the audio to transcribe.", "file", "missing_required_parameter");
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        }
        var model = form["model"].ToString();
        RequestValidation.Model(model);
        var request = new TranscriptionRequest
        {
            File = bytes,
            FileName = string.IsNullOrEmpty(file.FileName) ? "audio" : file.FileName,
            FileContentType = file.ContentType,
            Model = model,
            Language = Optional(form, "language"),
            Prompt = Optional(form, "prompt"),
            ResponseFormat = Optional(form, "response_format"),
            Temperature = Temperature(form),
            TimestampGranularities = form.TryGetValue("timestamp_granularities[]", out var granularities) ? granularities.Where(g => g is not null).Select(g => g!).ToArray() : null,
        };
        var result = await gateway.Mesh.Audio.Transcriptions.CreateAsync(request, outcome, http.RequestAborted).ConfigureAwait(false);
        GatewayHeaders.ServedBy(http.Response, outcome);
        if (request.ResponseFormat is "text" or "srt" or "vtt")
        {
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = request.ResponseFormat == "vtt" ? "text/vtt; charset=utf-8" : "text/plain; charset=utf-8";
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(result.Text), http.RequestAborted).ConfigureAwait(false);
            return;
        }
        await JsonAnswer.WriteAsync(http, result, ModelMeshJson.TranscriptionResponse).ConfigureAwait(false);
    }

    private static string? Optional(IFormCollection form, string name) => form.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;

    private static double? Temperature(IFormCollection form)
    {
        if (Optional(form, "temperature") is not { } text)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
        {
            throw GatewayRequestException.Invalid("'temperature' must be a number between 0 and 1.", "temperature", "invalid_value");
        }
        return value;
    }

    private static string ContentTypeOf(string format) => format switch
    {
        "opus" => "audio/opus",
        "aac" => "audio/aac",
        "flac" => "audio/flac",
        "wav" => "audio/wav",
        "pcm" => "audio/pcm",
        _ => "audio/mpeg",
    };
}
