using System.Text;
using System.Text.Json;
using ModelMesh.Providers.Anthropic;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>
/// The hand-written <c>content_block_delta</c> reader reads what the generated wire reader it replaced read: names
/// matched ignoring case, unknown members skipped, a null delta carrying nothing, a wrong type a JsonException naming
/// the member, and the delta's type matched exactly.
/// </summary>
public sealed class BlockDeltaReaderTests
{
    [Theory]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""", 0, "TextDelta", "Hi", null)]
    [InlineData("""{"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}}""", 3, "InputJsonDelta", null, "{\"a\":")]
    [InlineData("""{"INDEX":2,"Delta":{"Type":"text_delta","TEXT":"x","extra":{"deep":[1,2]}},"more":[{}]}""", 2, "TextDelta", "x", null)]
    [InlineData("""{"index":1,"delta":{"type":"Text_Delta","text":"x"}}""", 1, "Other", "x", null)]
    [InlineData("""{"index":1,"delta":{"type":"citations_delta","citation":{}}}""", 1, "Other", null, null)]
    [InlineData("""{"index":1,"delta":null}""", 1, "Other", null, null)]
    [InlineData("""{"index":1,"delta":{"type":"text_delta","text":"x"},"delta":null}""", 1, "Other", null, null)]
    [InlineData("""{"index":1,"delta":{"type":"text_d\u0065lta","text":"\u00e9"}}""", 1, "TextDelta", "\u00e9", null)]
    public void Reads_the_index_the_kind_and_the_strings(string json, int index, string kind, string? text, string? partialJson)
    {
        var delta = BlockDeltaReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal((index, kind, text, partialJson), (delta.Index, delta.Kind.ToString(), delta.Text, delta.PartialJson));
    }

    [Fact]
    public void Reads_thinking_and_signature()
    {
        var thinking = BlockDeltaReader.Read("""{"index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}"""u8);
        var signature = BlockDeltaReader.Read("""{"index":0,"delta":{"type":"signature_delta","signature":"sig"}}"""u8);

        Assert.Equal((BlockDeltaKind.ThinkingDelta, "hmm"), (thinking.Kind, thinking.Thinking));
        Assert.Equal((BlockDeltaKind.SignatureDelta, "sig"), (signature.Kind, signature.Signature));
    }

    [Theory]
    [InlineData("""{"index":"0","delta":{}}""", "'index'")]
    [InlineData("""{"index":null,"delta":{}}""", "'index'")]
    [InlineData("""{"index":1.5,"delta":{}}""", "'index'")]
    [InlineData("""{"index":0,"delta":"text"}""", "'delta'")]
    [InlineData("""{"index":0,"delta":{"type":1}}""", "'delta.type'")]
    [InlineData("""{"index":0,"delta":{"type":"text_delta","text":["x"]}}""", "'delta.text'")]
    [InlineData("""{"index":0,"delta":{"type":"input_json_delta","partial_json":{}}}""", "'delta.partial_json'")]
    [InlineData("""[1]""", "'content_block_delta'")]
    [InlineData("""{"index":0,"delta":{"type":"text_delta","text":"x"}""", null)]
    [InlineData("", null)]
    public void Malformed_data_is_a_JsonException_naming_the_member(string json, string? named)
    {
        var e = Assert.ThrowsAny<JsonException>(() => BlockDeltaReader.Read(Encoding.UTF8.GetBytes(json)));

        if (named is not null)
        {
            Assert.Contains(named, e.Message, StringComparison.Ordinal);
        }
    }
}
