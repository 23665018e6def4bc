using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

using ModelMesh.Gateway.Http;

namespace ModelMesh.Gateway.Endpoints;

/// <summary>Writes JSON answers straight into the response's pipe: wire types with their source-generated metadata, or hand-written objects.</summary>
internal static class JsonAnswer
{
    /// <summary>A 200 answer of a wire type.</summary>
    public static Task WriteAsync<T>(HttpContext http, T value, JsonTypeInfo<T> type) =>
        WriteAsync(http, StatusCodes.Status200OK, (value, type), static (json, answer) => JsonSerializer.Serialize(json, answer.value, answer.type));

    /// <summary>An answer with <paramref name="status"/> whose body <paramref name="write"/> writes from <paramref name="state"/> (no closure to allocate).</summary>
    public static async Task WriteAsync<TState>(HttpContext http, int status, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        var output = response.BodyWriter;
        await using (var json = new Utf8JsonWriter(output, GatewayJson.Writer))
        {
            write(json, state);
        }
        await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
