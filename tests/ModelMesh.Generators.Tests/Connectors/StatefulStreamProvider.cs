using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>
/// Named SSE events whose meaning depends on earlier ones (Anthropic style): <c>start</c> carries the id and model
/// later events omit, and <c>block</c> indices count text and tool blocks together while tool-call indices count
/// tool calls only. The hooks share a per-stream state object, created by the generated <c>CreateStreamState</c>.
/// </summary>
[Provider("stateful.api.v1", BaseUrl = "https://stateful.example.com", EndEvent = "stop")]
[ModelInfo("s-1", "chat-completion")]
public partial class StatefulStreamProvider : BaseProvider
{
    [HookOverride(ProviderHook.ParseStreamChunk, Event = "start")]
    private static ChatCompletionChunk? Start(StartEvent e, StreamState state)
    {
        state.Id = e.Id;
        state.Model = e.Model;
        return null;
    }

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "block")]
    private static ChatCompletionChunk? Block(BlockEvent e, StreamState state)
    {
        if (e.Kind != "tool")
        {
            return null;
        }
        var toolIndex = state.ToolCalls++;
        state.ToolIndexByBlock[e.Index] = toolIndex;
        return new ChatCompletionChunk
        {
            Id = state.Id,
            Model = state.Model,
            Choices = [new ChatChunkChoice { Delta = new ChatDelta { ToolCalls = [new ChatToolCallDelta { Index = toolIndex, Id = e.Name + "-id", Type = "function", Function = new FunctionCallDelta { Name = e.Name, Arguments = string.Empty } }] } }],
        };
    }

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "delta")]
    private static ChatCompletionChunk? Delta(DeltaEvent e, StreamState state) =>
        state.ToolIndexByBlock.TryGetValue(e.Index, out var toolIndex)
            ? new ChatCompletionChunk
            {
                Id = state.Id,
                Model = state.Model,
                Choices = [new ChatChunkChoice { Delta = new ChatDelta { ToolCalls = [new ChatToolCallDelta { Index = toolIndex, Function = new FunctionCallDelta { Arguments = e.Text } }] } }],
            }
            : ChatCompletionChunk.FromText(state.Id, state.Model, e.Text);

    // A method without the state beside methods with it.
    [HookOverride(ProviderHook.ParseStreamChunk, Event = "finish")]
    private static ChatCompletionChunk? Finish(FinishEvent e) => ChatCompletionChunk.FromText(string.Empty, string.Empty, null, e.Reason);

    /// <summary>What the events of one stream share.</summary>
    internal sealed class StreamState
    {
        public string Id { get; set; } = string.Empty;

        public string Model { get; set; } = string.Empty;

        public int ToolCalls { get; set; }

        public Dictionary<int, int> ToolIndexByBlock { get; } = [];
    }
}

public sealed record StartEvent([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("model")] string Model);

public sealed record BlockEvent(int Index, string Kind, string? Name);

public sealed record DeltaEvent(int Index, string Text);

public sealed record FinishEvent(string Reason);
