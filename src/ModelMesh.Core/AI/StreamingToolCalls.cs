using System.Text;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.AI;

/// <summary>
/// Gathers the fragments of a stream's tool calls (id and name first, then pieces of the arguments) so each is
/// handed on once, whole, as a <see cref="Meai.FunctionCallContent"/> — as Microsoft.Extensions.AI.OpenAI does.
/// </summary>
internal sealed class StreamingToolCalls
{
    private readonly SortedDictionary<int, Call> _calls = [];

    /// <summary>Whether fragments are waiting to be completed.</summary>
    public bool HasPending => _calls.Count > 0;

    /// <summary>Adds a chunk's fragments; a fragment without an index belongs to the call last started.</summary>
    public void Add(IReadOnlyList<ChatToolCallDelta> deltas)
    {
        foreach (var delta in deltas)
        {
            var index = delta.Index ?? (delta.Id is not null || _calls.Count == 0 ? _calls.Count : _calls.Keys.Max());
            if (!_calls.TryGetValue(index, out var call))
            {
                _calls[index] = call = new Call();
            }
            if (delta.Id is { Length: > 0 } id)
            {
                call.Id = id;
            }
            if (delta.Function?.Name is { Length: > 0 } name)
            {
                call.Name = name;
            }
            if (delta.Function?.Arguments is { } arguments)
            {
                call.Arguments.Append(arguments);
            }
        }
    }

    /// <summary>The complete calls, in index order, and forgets them.</summary>
    public List<Meai.AIContent> Drain()
    {
        var contents = new List<Meai.AIContent>(_calls.Count);
        foreach (var call in _calls.Values)
        {
            contents.Add(ChatResponseMapper.ToFunctionCall(call.Id ?? string.Empty, call.Name ?? string.Empty, call.Arguments.ToString()));
        }
        _calls.Clear();
        return contents;
    }

    private sealed class Call
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
