using Microsoft.AspNetCore.Http;
using ModelMesh.Gateway.Http;

namespace ModelMesh.Gateway.Endpoints;

/// <summary>
/// <c>POST /v1/embeddings</c>: vectors in the encoding the client asked for — floats by default, base64 when asked
/// (the official Node SDK asks base64 by default and decodes it; floats it did not ask for it would corrupt).
/// </summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext http, GatewayContext gateway, RoutingOutcome outcome)
    {
        EmbeddingRequest request;
        using (var body = await RequestBody.ReadAsync(http, gateway.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = RequestJson.Parse(body.Span, ModelMeshJson.EmbeddingRequest);
        }
        RequestValidation.Validate(request);
        var response = await gateway.Mesh.Embeddings.CreateAsync(request, outcome, http.RequestAborted).ConfigureAwait(false);
        GatewayHeaders.ServedBy(http.Response, outcome);
        await JsonAnswer.WriteAsync(http, response, ModelMeshJson.EmbeddingResponse).ConfigureAwait(false);
    }
}
