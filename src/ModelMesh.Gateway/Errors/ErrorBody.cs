using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

using ModelMesh.Gateway.Http;

namespace ModelMesh.Gateway.Errors;

/// <summary>Writes OpenAI-shaped error bodies: <c>{"error":{"message","type","param","code"}}</c>, plus <c>attempts</c> when there were some.</summary>
internal static class ErrorBody
{
    /// <summary>Answers with the error's status and body (and <c>Retry-After</c>); the response must not have started.</summary>
    public static async Task WriteAsync(HttpContext http, GatewayError error)
    {
        var response = http.Response;
        response.StatusCode = (int)error.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is TimeSpan wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        Write(response.BodyWriter, error);
        await response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The body's JSON, written to <paramref name="output"/> (also the payload of a stream's final error event).</summary>
    public static void Write(IBufferWriter<byte> output, GatewayError error)
    {
        using var json = new Utf8JsonWriter(output, GatewayJson.Writer);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", error.Message);
        json.WriteString("type", error.Type);
        WriteNullable(json, "param", error.Param);
        WriteNullable(json, "code", error.Code);
        if (error.Attempts is { Count: > 0 } attempts)
        {
            json.WriteStartArray("attempts");
            foreach (var attempt in attempts)
            {
                json.WriteStartObject();
                json.WriteString("model", attempt.Model);
                json.WriteString("provider", attempt.Provider);
                json.WriteString("error", attempt.Error);
                if (attempt.Status is int status)
                {
                    json.WriteNumber("status", status);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
