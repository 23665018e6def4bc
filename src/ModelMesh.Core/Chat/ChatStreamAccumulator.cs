using System.Text;

namespace ModelMesh;

/// <summary>
/// Reassembles a streamed chat completion from its chunks: per choice the text, refusal, reasoning and tool
/// calls (fragments joined by index, or by id where a provider sends no index), the last finish reason, and
/// usage counted once (a repeated usage chunk replaces, never adds).
/// </summary>
public sealed class ChatStreamAccumulator
{
    // Choice 0 (nearly every stream's only one) in a field; a sorted map only for the other indices, made on the first.
    private ChoiceState? _first;
    private SortedDictionary<int, ChoiceState>? _others;
    private string _id = string.Empty;
    private string _model = string.Empty;
    private long _created;
    private string? _systemFingerprint;
    private string? _serviceTier;

    /// <summary>The usage reported by the stream so far (the latest report), or null.</summary>
    public Usage? Usage { get; private set; }

    /// <summary>How many chunks were added.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>
    /// Whether any output has been seen: text, reasoning, refusal or a tool call. Once true, a stream can no longer
    /// fail over without duplicating output (DESIGN §5.1); role-only and usage chunks do not count.
    /// </summary>
    public bool HasContent { get; private set; }

    /// <summary>The text content of choice 0 so far.</summary>
    public string Text => _first?.Content.ToString() ?? string.Empty;

    /// <summary>The reasoning of choice 0 so far (<c>reasoning_content</c> or <c>reasoning</c> deltas); empty when none.</summary>
    public string Reasoning => _first?.ReasoningText ?? string.Empty;

    /// <summary>The model the upstream named in its chunks (the first non-empty), or empty.</summary>
    internal string Model => _model;

    /// <summary>Characters of output of every choice so far (text, reasoning, refusal, tool-call names and arguments), for token estimates.</summary>
    public long OutputLength { get; private set; }

    /// <summary>Adds the next chunk.</summary>
    public void Add(ChatCompletionChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ChunkCount++;
        if (_id.Length == 0 && chunk.Id.Length > 0)
        {
            _id = chunk.Id;
        }
        if (_model.Length == 0 && chunk.Model.Length > 0)
        {
            _model = chunk.Model;
        }
        if (_created == 0)
        {
            _created = chunk.Created;
        }
        _systemFingerprint ??= chunk.SystemFingerprint;
        _serviceTier ??= chunk.ServiceTier;
        if (chunk.Usage is not null)
        {
            Usage = chunk.Usage;
        }
        // Indexed, not foreach: the choices are an IReadOnlyList, whose enumerator is an allocation per chunk.
        var choices = chunk.Choices;
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            var state = StateOf(choice.Index);
            OutputLength += state.Add(choice);
            HasContent |= state.HasContent;
        }
    }

    /// <summary>
    /// Forgets every chunk: the mesh counts an attempt's chunks in the answer it delivers, and an attempt that fails
    /// over before its first output must leave nothing behind for the next.
    /// </summary>
    internal void Reset()
    {
        _first = null;
        _others = null;
        _id = string.Empty;
        _model = string.Empty;
        _created = 0;
        _systemFingerprint = null;
        _serviceTier = null;
        Usage = null;
        ChunkCount = 0;
        HasContent = false;
        OutputLength = 0;
    }

    /// <summary>The completion assembled so far (complete once the stream has ended).</summary>
    public ChatCompletion ToCompletion() => new()
    {
        Id = _id,
        Model = _model,
        Created = _created,
        SystemFingerprint = _systemFingerprint,
        ServiceTier = _serviceTier,
        Usage = Usage,
        Choices = Choices(),
    };

    private ChoiceState StateOf(int index)
    {
        if (index == 0)
        {
            return _first ??= new ChoiceState();
        }
        _others ??= [];
        if (!_others.TryGetValue(index, out var state))
        {
            _others[index] = state = new ChoiceState();
        }
        return state;
    }

    /// <summary>Every choice seen, in index order (choice 0 among the others where its index falls).</summary>
    private ChatChoice[] Choices()
    {
        var choices = new List<ChatChoice>((_first is null ? 0 : 1) + (_others?.Count ?? 0));
        var firstAdded = _first is null;
        foreach (var (index, state) in _others ?? [])
        {
            if (!firstAdded && index > 0)
            {
                choices.Add(_first!.ToChoice(0));
                firstAdded = true;
            }
            choices.Add(state.ToChoice(index));
        }
        if (!firstAdded)
        {
            choices.Add(_first!.ToChoice(0));
        }
        return [.. choices];
    }

    private sealed class ChoiceState
    {
        public StringBuilder Content { get; } = new();
        // Made on the first fragment: most streams have neither refusal nor reasoning.
        private StringBuilder? _refusal;
        private StringBuilder? _reasoning;
        private List<ToolCallState>? _toolCalls; // made on the first fragment
        private string _role = ChatRole.Assistant;
        private bool _sawContent;
        private bool _sawRefusal;
        private bool _sawReasoning;
        private string? _finishReason;
        private List<ThinkingBlock>? _thinkingBlocks;
        private List<TokenLogprob>? _contentLogprobs;
        private List<TokenLogprob>? _refusalLogprobs;

        public bool HasContent => Content.Length > 0 || _refusal is { Length: > 0 } || _reasoning is { Length: > 0 } || _toolCalls is { Count: > 0 };

        public string ReasoningText => _reasoning?.ToString() ?? string.Empty;

        /// <summary>Adds a choice's delta; returns how many characters of output it carried.</summary>
        public long Add(ChatChunkChoice choice)
        {
            var delta = choice.Delta;
            long added = (delta.Content?.Length ?? 0) + (delta.Refusal?.Length ?? 0) + ((delta.ReasoningContent ?? delta.Reasoning)?.Length ?? 0);
            if (delta.Role is { Length: > 0 } role)
            {
                _role = role;
            }
            if (delta.Content is not null)
            {
                _sawContent = true;
                Content.Append(delta.Content);
            }
            if (delta.Refusal is not null)
            {
                _sawRefusal = true;
                (_refusal ??= new()).Append(delta.Refusal);
            }
            if ((delta.ReasoningContent ?? delta.Reasoning) is { } reasoning)
            {
                _sawReasoning = true;
                (_reasoning ??= new()).Append(reasoning);
            }
            if (delta.ThinkingBlocks is { Count: > 0 } blocks)
            {
                (_thinkingBlocks ??= []).AddRange(blocks);
            }
            if (delta.ToolCalls is not null)
            {
                var fragments = delta.ToolCalls;
                for (var i = 0; i < fragments.Count; i++)
                {
                    var fragment = fragments[i];
                    FindOrAdd(fragment).Add(fragment);
                    added += (fragment.Function?.Name?.Length ?? 0) + (fragment.Function?.Arguments?.Length ?? 0);
                }
            }
            if (choice.FinishReason is not null)
            {
                _finishReason = choice.FinishReason;
            }
            if (choice.Logprobs?.Content is { } content)
            {
                (_contentLogprobs ??= []).AddRange(content);
            }
            if (choice.Logprobs?.Refusal is { } refusal)
            {
                (_refusalLogprobs ??= []).AddRange(refusal);
            }
            return added;
        }

        private ToolCallState FindOrAdd(ChatToolCallDelta fragment)
        {
            var toolCalls = _toolCalls ??= [];
            if (fragment.Index is int index)
            {
                for (var i = 0; i < toolCalls.Count; i++)
                {
                    if (toolCalls[i].Index == index)
                    {
                        return toolCalls[i]; // a loop, not Find: no closure per fragment
                    }
                }
                var created = new ToolCallState(index);
                toolCalls.Add(created);
                return created;
            }
            // No index (Mistral): a fragment with a new id starts a call; one without an id continues the last.
            if (fragment.Id is { Length: > 0 } id)
            {
                for (var i = 0; i < toolCalls.Count; i++)
                {
                    if (toolCalls[i].Id == id)
                    {
                        return toolCalls[i];
                    }
                }
            }
            else if (toolCalls.Count > 0)
            {
                return toolCalls[^1];
            }
            var appended = new ToolCallState(toolCalls.Count == 0 ? 0 : toolCalls.Max(t => t.Index) + 1);
            toolCalls.Add(appended);
            return appended;
        }

        public ChatChoice ToChoice(int index)
        {
            var message = new ChatMessage
            {
                Role = _role,
                Content = _sawContent || (!_sawRefusal && _toolCalls is not { Count: > 0 }) ? Content.ToString() : null,
                Refusal = _sawRefusal ? _refusal?.ToString() ?? string.Empty : null,
                ReasoningContent = _sawReasoning ? _reasoning?.ToString() ?? string.Empty : null,
                ThinkingBlocks = _thinkingBlocks,
                ToolCalls = _toolCalls is not { Count: > 0 } ? null : _toolCalls.OrderBy(t => t.Index).Select(t => t.ToToolCall()).ToArray(),
            };
            return new ChatChoice
            {
                Index = index,
                Message = message,
                FinishReason = _finishReason,
                Logprobs = _contentLogprobs is null && _refusalLogprobs is null
                    ? null
                    : new ChatLogprobs { Content = _contentLogprobs, Refusal = _refusalLogprobs },
            };
        }
    }

    private sealed class ToolCallState(int index)
    {
        private readonly StringBuilder _arguments = new();
        private string? _name;
        private string _type = "function";

        public int Index { get; } = index;

        public string? Id { get; private set; }

        public void Add(ChatToolCallDelta fragment)
        {
            if (fragment.Id is { Length: > 0 } id)
            {
                Id ??= id;
            }
            if (fragment.Type is { Length: > 0 } type)
            {
                _type = type;
            }
            if (fragment.Function?.Name is { Length: > 0 } name)
            {
                _name ??= name;
            }
            if (fragment.Function?.Arguments is { } arguments)
            {
                _arguments.Append(arguments);
            }
        }

        public ChatToolCall ToToolCall() => new()
        {
            Id = Id ?? string.Empty,
            Type = _type,
            Function = new FunctionCall { Name = _name ?? string.Empty, Arguments = _arguments.ToString() },
        };
    }
}
