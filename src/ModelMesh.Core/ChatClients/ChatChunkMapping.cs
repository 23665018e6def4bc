using System.Text;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.ChatClients;

/// <summary>
/// The updates of one M.E.AI stream as mesh chunks: one chunk per update that carries anything, the role on the
/// first, each function call as a whole tool-call delta with its own index, usage as it arrives.
/// </summary>
internal sealed class ChatChunkMapping(string model, TimeProvider clock)
{
    private readonly string _fallbackId = ChatResponseMapping.NewId();
    private readonly long _created = clock.GetUtcNow().ToUnixTimeSeconds();
    private int _toolCalls;
    private bool _roleSent;

    /// <summary>The chunk for an update; null when it carries nothing a chunk can hold.</summary>
    public ChatCompletionChunk? ToChunk(Meai.ChatResponseUpdate update)
    {
        StringBuilder? text = null;
        StringBuilder? reasoning = null;
        List<ChatToolCallDelta>? calls = null;
        Usage? usage = null;
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case Meai.TextContent part when !string.IsNullOrEmpty(part.Text):
                    (text ??= new()).Append(part.Text);
                    break;
                case Meai.TextReasoningContent part when !string.IsNullOrEmpty(part.Text):
                    (reasoning ??= new()).Append(part.Text);
                    break;
                case Meai.FunctionCallContent call:
                    (calls ??= []).Add(new ChatToolCallDelta
                    {
                        Index = _toolCalls++,
                        Id = call.CallId,
                        Type = "function",
                        Function = new FunctionCallDelta { Name = call.Name, Arguments = ChatResponseMapping.Arguments(call) },
                    });
                    break;
                case Meai.UsageContent part:
                    usage = ChatResponseMapping.ToUsage(part.Details);
                    break;
            }
        }
        var finish = ChatResponseMapping.ToFinishReason(update.FinishReason);
        var hasChoice = text is not null || reasoning is not null || calls is not null || finish is not null;
        if (!hasChoice && usage is null)
        {
            return null;
        }
        ChatChunkChoice[] choices = [];
        if (hasChoice)
        {
            var delta = new ChatDelta
            {
                Role = _roleSent ? null : ChatRole.Assistant,
                Content = text?.ToString(),
                ReasoningContent = reasoning?.ToString(),
                ToolCalls = calls,
            };
            _roleSent = true;
            choices = [new ChatChunkChoice { Index = 0, Delta = delta, FinishReason = finish }];
        }
        return new ChatCompletionChunk
        {
            Id = update.ResponseId ?? update.MessageId ?? _fallbackId,
            Created = update.CreatedAt?.ToUnixTimeSeconds() ?? _created,
            Model = update.ModelId ?? model,
            Choices = choices,
            Usage = usage,
        };
    }
}
