using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

using ModelMesh.Gateway.Http;

namespace ModelMesh.Gateway.Endpoints;

/// <summary>Writes a 200 JSON answer straight into the response's pipe with the source-generated metadata.</summary>
internal static class JsonAnswer
{
    public static async Task WriteAsync<T>(HttpContext http, T value, JsonTypeInfo<T> type)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        var output = response.BodyWriter;
        await using (var json = new Utf8JsonWriter(output, GatewayJson.Writer))
        {
            JsonSerializer.Serialize(json, value, type);
        }
        await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
