using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelMesh.Gateway.Errors;
using ModelMesh.Gateway.Http;

namespace ModelMesh.Gateway.Endpoints;

/// <summary>
/// <c>POST /v1/chat/completions</c>, whole and streamed. A stream's headers go out only with its first chunk, so a
/// stream that no model could start is an HTTP error with an OpenAI error body; after the first chunk a failure
/// ends the stream with a final <c>data: {"error": …}</c> event and no <c>[DONE]</c>.
/// </summary>
internal static class ChatCompletionsEndpoint
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;

    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    private static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    public static async Task HandleAsync(HttpContext http, GatewayContext gateway, RoutingOutcome outcome)
    {
        ChatCompletionRequest request;
        using (var body = await RequestBody.ReadAsync(http, gateway.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = RequestJson.Parse(body.Span, GatewayJson.ChatCompletionRequest);
        }
        RequestValidation.Validate(request);
        if (request.Stream == true)
        {
            await StreamAsync(http, gateway, request, outcome).ConfigureAwait(false);
            return;
        }
        var completion = await gateway.Mesh.Chat.Completions.CreateAsync(request, outcome, http.RequestAborted).ConfigureAwait(false);
        GatewayHeaders.ServedBy(http.Response, outcome);
        await JsonAnswer.WriteAsync(http, completion, ModelMeshJson.ChatCompletion).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpContext http, GatewayContext gateway, ChatCompletionRequest request, RoutingOutcome outcome)
    {
        var cancellation = http.RequestAborted;
        // The mesh asks upstreams for usage either way (budgets need it); the client gets it only when it asked.
        var wantsUsage = request.StreamOptions?.IncludeUsage == true;
        var chunks = gateway.Mesh.Chat.Completions.StreamAsync(request, outcome, cancellation).GetAsyncEnumerator(cancellation);
        await using (chunks.ConfigureAwait(false))
        {
            // Before the first chunk a failure is still an ordinary error answer (Exchange writes it).
            var more = await chunks.MoveNextAsync().ConfigureAwait(false);
            var response = http.Response;
            GatewayHeaders.ServedBy(response, outcome);
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no"; // a reverse proxy must not hold chunks back
            var output = response.BodyWriter;
            await using var json = new Utf8JsonWriter(output, GatewayJson.Writer);
            while (more)
            {
                var chunk = chunks.Current;
                if (wantsUsage || Strip(chunk))
                {
                    output.Write(DataPrefix);
                    json.Reset(output);
                    JsonSerializer.Serialize(json, chunk, ModelMeshJson.ChatCompletionChunk);
                    json.Flush();
                    output.Write(EventEnd);
                    if ((await output.FlushAsync(cancellation).ConfigureAwait(false)).IsCompleted)
                    {
                        // The client is gone: leaving the loop disposes the mesh's stream, which cancels the upstream
                        // call and books it as the caller's stop, not the model's failure.
                        return;
                    }
                }
                try
                {
                    more = await chunks.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellation.IsCancellationRequested)
                {
                    // Output has reached the client: the stream ends with the error, never with [DONE], so no client
                    // mistakes the part for the whole.
                    var error = GatewayErrors.From(e, http.TraceIdentifier);
                    gateway.Metrics.Error(error.Kind);
                    output.Write(DataPrefix);
                    ErrorBody.Write(output, error);
                    output.Write(EventEnd);
                    await output.FlushAsync(cancellation).ConfigureAwait(false);
                    return;
                }
            }
            output.Write(Done);
            await output.FlushAsync(cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Takes usage out of a chunk for a client that did not ask for it; false when nothing is left to send.</summary>
    private static bool Strip(ChatCompletionChunk chunk)
    {
        if (chunk.Usage is null)
        {
            return true;
        }
        chunk.Usage = null;
        return chunk.Choices.Count > 0;
    }
}
