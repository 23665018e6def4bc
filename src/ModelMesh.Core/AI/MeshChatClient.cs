using System.Runtime.CompilerServices;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.AI;

/// <summary>
/// The mesh as an M.E.AI <see cref="Meai.IChatClient"/>: every call is routed like
/// <see cref="ChatCompletionsClient.CreateAsync(ChatCompletionRequest, RoutingOutcome, CancellationToken)"/>, with
/// failover, budgets and usage accounting, so M.E.AI middleware (function invocation, telemetry, logging, caching)
/// runs on top of the mesh. Create one with <see cref="MeshClient.AsIChatClient"/>.
/// </summary>
/// <remarks>
/// <para><see cref="Meai.ChatOptions.ModelId"/> names the pool, capability, alias or model (default: the client's
/// default model); the response's <see cref="Meai.ChatResponse.ModelId"/> is the mesh model that answered.</para>
/// <para>Errors are the mesh's own (<see cref="RoutingException"/>, <see cref="BudgetExceededException"/>,
/// <see cref="ProviderException"/>); a stream that fails after output ends with
/// <see cref="StreamInterruptedException"/>, never a clean end. Cancellation surfaces as
/// <see cref="OperationCanceledException"/>.</para>
/// <para>Disposing it does nothing: the <see cref="MeshClient"/> belongs to whoever created it.</para>
/// </remarks>
public sealed class MeshChatClient : Meai.IChatClient
{
    private readonly MeshClient _mesh;
    private readonly string? _defaultModel;
    private readonly Meai.ChatClientMetadata _metadata;

    /// <summary>Creates a chat client over <paramref name="mesh"/>.</summary>
    /// <param name="mesh">The mesh to route through.</param>
    /// <param name="defaultModel">The pool, capability, alias or model used when a call's options name none.</param>
    public MeshChatClient(MeshClient mesh, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        _mesh = mesh;
        _defaultModel = defaultModel;
        _metadata = new Meai.ChatClientMetadata(MeshMetadata.ProviderName, null, defaultModel);
    }

    /// <inheritdoc/>
    public async Task<Meai.ChatResponse> GetResponseAsync(IEnumerable<Meai.ChatMessage> messages, Meai.ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ChatRequestMapper.ToRequest(messages, options, _defaultModel, this);
        var outcome = new RoutingOutcome();
        var completion = await _mesh.Chat.Completions.CreateAsync(request, outcome, cancellationToken).ConfigureAwait(false);
        return ChatResponseMapper.ToResponse(completion, outcome.ModelId);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Meai.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Meai.ChatMessage> messages, Meai.ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ChatRequestMapper.ToRequest(messages, options, _defaultModel, this);
        // Usage arrives on a last chunk only when asked for; M.E.AI callers expect it.
        request.StreamOptions ??= new StreamOptions { IncludeUsage = true };
        var outcome = new RoutingOutcome();
        var toolCalls = new StreamingToolCalls();
        ChatCompletionChunk? last = null;
        await foreach (var chunk in _mesh.Chat.Completions.StreamAsync(request, outcome, cancellationToken).ConfigureAwait(false))
        {
            last = chunk;
            var update = NewUpdate(chunk, outcome.ModelId);
            foreach (var choice in chunk.Choices)
            {
                if (choice.Index != 0)
                {
                    continue; // one assistant turn, as for non-streamed responses
                }
                var delta = choice.Delta;
                if (delta.Role is { Length: > 0 } role)
                {
                    update.Role = new Meai.ChatRole(role);
                }
                if ((delta.ReasoningContent ?? delta.Reasoning) is { Length: > 0 } reasoning)
                {
                    update.Contents.Add(new Meai.TextReasoningContent(reasoning));
                }
                foreach (var block in delta.ThinkingBlocks ?? [])
                {
                    update.Contents.Add(ThinkingBlockMapper.ToClosingContent(block));
                }
                if (delta.Content is { Length: > 0 } text)
                {
                    update.Contents.Add(new Meai.TextContent(text));
                }
                if (delta.Refusal is { Length: > 0 } refusal)
                {
                    update.Contents.Add(new Meai.ErrorContent(refusal) { ErrorCode = "refusal" });
                }
                if (delta.ToolCalls is { Count: > 0 } calls)
                {
                    toolCalls.Add(calls);
                }
                if (choice.FinishReason is { } finish)
                {
                    update.FinishReason = ChatResponseMapper.ToFinishReason(finish);
                    foreach (var call in toolCalls.Drain())
                    {
                        update.Contents.Add(call);
                    }
                }
            }
            if (ChatResponseMapper.ToUsage(chunk.Usage) is { } usage)
            {
                update.Contents.Add(new Meai.UsageContent(usage));
            }
            yield return update;
        }
        if (toolCalls.HasPending && last is not null)
        {
            // The upstream never closed the choice with a finish reason; the calls are still whole.
            var update = NewUpdate(last, outcome.ModelId);
            update.RawRepresentation = null;
            foreach (var call in toolCalls.Drain())
            {
                update.Contents.Add(call);
            }
            yield return update;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Answers <see cref="Meai.ChatClientMetadata"/> (provider <c>modelmesh</c>), <see cref="MeshClient"/> and this client, for a null key.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Meai.ChatClientMetadata) ? _metadata
            : serviceType == typeof(MeshClient) ? _mesh
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Does nothing: the mesh client is not owned by this adapter.</summary>
    public void Dispose()
    {
    }

    private static Meai.ChatResponseUpdate NewUpdate(ChatCompletionChunk chunk, string? answeredBy) => new()
    {
        Role = Meai.ChatRole.Assistant,
        ResponseId = chunk.Id,
        MessageId = chunk.Id,
        ModelId = answeredBy ?? chunk.Model,
        CreatedAt = ChatResponseMapper.CreatedAt(chunk.Created),
        RawRepresentation = chunk,
    };
}
