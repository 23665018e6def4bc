using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Json;

/// <summary>The CDK's conversions between JSON texts in OpenAI strings and the JsonElement members of wire records.</summary>
public sealed class JsonTextTests
{
    [Theory]
    [InlineData("{\"city\":\"Paris\"}", JsonValueKind.Object)]
    [InlineData("[1,2]", JsonValueKind.Array)]
    [InlineData("42", JsonValueKind.Number)]
    [InlineData("\"sunny\"", JsonValueKind.String)]
    public void Valid_JSON_parses_to_a_standalone_element(string text, JsonValueKind kind)
    {
        Assert.True(JsonText.TryParse(text, out var value));

        Assert.Equal(kind, value.ValueKind);
        Assert.Equal(text, value.GetRawText());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sunny, 21 degrees")]
    [InlineData("{\"a\":")]
    public void Text_that_is_not_JSON_is_refused_without_throwing(string? text)
    {
        Assert.False(JsonText.TryParse(text, out var value));
        Assert.Equal(JsonValueKind.Undefined, value.ValueKind);
    }

    [Fact]
    public void Object_wraps_a_value_under_one_name_and_String_escapes()
    {
        var wrapped = JsonText.Object("result", JsonText.String("say \"hi\"\n"));

        Assert.Equal("{\"result\":\"say \\u0022hi\\u0022\\n\"}", wrapped.GetRawText());
        Assert.Equal("say \"hi\"\n", wrapped.GetProperty("result").GetString());
        Assert.Equal("{\"x\":null}", JsonText.Object("x", default).GetRawText());
    }
}
