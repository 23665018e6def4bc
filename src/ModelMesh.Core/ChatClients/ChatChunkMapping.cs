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
        var text = default(TextJoin);
        var reasoning = default(TextJoin);
        List<ChatToolCallDelta>? calls = null;
        Usage? usage = null;
        // Indexed: Contents is an IList, whose enumerator would be boxed once per update.
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case Meai.TextContent part when !string.IsNullOrEmpty(part.Text):
                    text.Add(part.Text);
                    break;
                case Meai.TextReasoningContent part when !string.IsNullOrEmpty(part.Text):
                    reasoning.Add(part.Text);
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
        var hasChoice = text.HasText || reasoning.HasText || calls is not null || finish is not null;
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
                Content = text.Result,
                ReasoningContent = reasoning.Result,
                ToolCalls = calls,
            };
            _roleSent = true;
            choices = [new ChatChunkChoice(delta) { Index = 0, FinishReason = finish }];
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

    /// <summary>
    /// The text parts of one update joined: the part itself when there is one (nearly every update), a builder only
    /// from the second part on.
    /// </summary>
    private struct TextJoin
    {
        private string? _first;
        private StringBuilder? _more;

        public readonly bool HasText => _first is not null;

        public readonly string? Result => _more?.ToString() ?? _first;

        public void Add(string part)
        {
            if (_first is null)
            {
                _first = part;
            }
            else
            {
                (_more ??= new StringBuilder(_first)).Append(part);
            }
        }
    }
}
