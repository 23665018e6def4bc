using Xunit;

namespace ModelMesh.Core.Tests.Streaming;

/// <summary>
/// The accumulator keeps choice 0 apart from the others (most streams have only it): the assembled completion still
/// lists every choice in index order, and a reset (a failover before the first output) leaves nothing behind.
/// </summary>
public sealed class ChatStreamAccumulatorChoicesTests
{
    [Fact]
    public void Choices_arriving_out_of_order_are_assembled_in_index_order_with_choice_0_among_them()
    {
        var accumulator = new ChatStreamAccumulator();
        accumulator.Add(Chunk(2, "two"));
        accumulator.Add(Chunk(0, "zero"));
        accumulator.Add(Chunk(1, "one"));
        accumulator.Add(Chunk(0, "!"));

        var completion = accumulator.ToCompletion();

        Assert.Equal([0, 1, 2], completion.Choices.Select(c => c.Index));
        Assert.Equal(["zero!", "one", "two"], completion.Choices.Select(c => c.Message.Text));
        Assert.Equal("zero!", accumulator.Text);
    }

    [Fact]
    public void A_stream_without_choice_0_has_no_text_but_keeps_its_choices()
    {
        var accumulator = new ChatStreamAccumulator();
        accumulator.Add(Chunk(3, "three"));
        accumulator.Add(Chunk(1, "one"));

        Assert.Equal(string.Empty, accumulator.Text);
        Assert.Equal([1, 3], accumulator.ToCompletion().Choices.Select(c => c.Index));
    }

    [Fact]
    public void A_reset_forgets_every_chunk()
    {
        var accumulator = new ChatStreamAccumulator();
        accumulator.Add(Chunk(0, "partial"));
        accumulator.Add(Chunk(1, "other"));

        accumulator.Reset();

        Assert.Equal(0, accumulator.ChunkCount);
        Assert.False(accumulator.HasContent);
        Assert.Equal(0, accumulator.OutputLength);
        Assert.Equal(string.Empty, accumulator.Text);
        Assert.Empty(accumulator.ToCompletion().Choices);
        accumulator.Add(Chunk(0, "fresh"));
        Assert.Equal("fresh", accumulator.Text);
        Assert.Equal(1, accumulator.ChunkCount);
    }

    private static ChatCompletionChunk Chunk(int index, string text) => new()
    {
        Id = "chatcmpl-1",
        Model = "model",
        Choices = [new ChatChunkChoice { Index = index, Delta = new ChatDelta { Content = text } }],
    };
}
