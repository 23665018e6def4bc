using Microsoft.AspNetCore.Http;

namespace ModelMesh.Gateway.Endpoints;

/// <summary><c>GET /v1/models</c> (pools owned by <c>modelmesh</c>, then models owned by their provider) and <c>GET /v1/models/{id}</c>.</summary>
internal static class ModelsEndpoint
{
    public static async Task ListAsync(HttpContext http, GatewayContext gateway, RoutingOutcome outcome)
    {
        var list = await gateway.Mesh.Models.ListAsync(http.RequestAborted).ConfigureAwait(false);
        await JsonAnswer.WriteAsync(http, list, ModelMeshJson.ModelList).ConfigureAwait(false);
    }

    public static async Task RetrieveAsync(HttpContext http, GatewayContext gateway, RoutingOutcome outcome)
    {
        // Model ids hold dots and may hold slashes ("together.meta-llama/…"): the route captures the rest of the path.
        var id = http.Request.RouteValues["id"] as string ?? string.Empty;
        var entry = await gateway.Mesh.Models.RetrieveAsync(Uri.UnescapeDataString(id), http.RequestAborted).ConfigureAwait(false);
        await JsonAnswer.WriteAsync(http, entry, ModelMeshJson.ModelListEntry).ConfigureAwait(false);
    }
}
