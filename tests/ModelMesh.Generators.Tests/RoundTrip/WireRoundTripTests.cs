using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh.Generators.Tests.Connectors;

namespace ModelMesh.Generators.Tests.RoundTrip;

/// <summary>
/// The generated reader and writer agree with System.Text.Json (reflection-based, as an oracle; tests are not AOT)
/// on hundreds of pseudo-random records: the same JSON meaning in both directions. The oracle uses the generator's
/// documented conventions: web defaults (camelCase, case-insensitive reading) and nulls omitted when writing.
/// </summary>
public sealed class WireRoundTripTests
{
    private static readonly JsonSerializerOptions Oracle = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 0; seed < 8; seed++)
        {
            seeds.Add(seed);
        }
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generated_writer_and_reader_agree_with_System_Text_Json(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 50; i++)
        {
            var sink = RandomSink(random, depth: 0);

            // Our writer vs the oracle's: same JSON meaning.
            var ours = Write(sink);
            var theirs = JsonSerializer.Serialize(sink, Oracle);
            AssertSameJson(theirs, ours, $"seed {seed} #{i} write");

            // Our reader on the oracle's JSON, written back by the oracle: nothing lost or changed.
            var readByUs = KitchenSinkProvider.WireJson.ReadSink(Encoding.UTF8.GetBytes(theirs));
            AssertSameJson(theirs, JsonSerializer.Serialize(readByUs, Oracle), $"seed {seed} #{i} read");

            // The oracle's reader on our JSON.
            var readByThem = JsonSerializer.Deserialize<Sink>(ours, Oracle)!;
            AssertSameJson(ours, Write(readByThem), $"seed {seed} #{i} oracle read");
        }
    }

    [Fact]
    public void Unknown_properties_are_skipped_and_names_match_case_insensitively()
    {
        var json = Write(Sink.Example("n"));
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("unknownFirst", "x");
            writer.WritePropertyName("deep");
            JsonDocument.Parse("""{"a":[1,{"b":[[]]}],"c":null}""").RootElement.WriteTo(writer);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                writer.WritePropertyName(property.Name == "name" ? "NAME" : property.Name);
                property.Value.WriteTo(writer);
            }
            writer.WriteNumber("unknownLast", 5);
            writer.WriteEndObject();
        }

        var sink = KitchenSinkProvider.WireJson.ReadSink(buffer.WrittenSpan);

        Assert.Equal("n", sink.Name);
        AssertSameJson(json, Write(sink), "unknown members");
    }

    [Fact]
    public void A_missing_required_member_names_the_property_and_the_record()
    {
        var error = Assert.Throws<JsonException>(() => KitchenSinkProvider.WireJson.ReadPart("""{"weight":1}"""u8));
        Assert.Contains("\"kind\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Part", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind":"a","weight":"heavy"}""", "\"weight\"")]
    [InlineData("""{"kind":5}""", "\"kind\"")]
    [InlineData("""{"kind":"a","grid":[1,"2"]}""", "\"grid\"")]
    [InlineData("""{"kind":"a","children":[{"kind":true}]}""", "\"kind\"")]
    public void A_wrong_typed_value_is_a_json_exception_naming_the_member(string json, string member)
    {
        // Utf8JsonReader's own InvalidOperationException would be classified as an unknown failure, not a malformed response.
        var error = Assert.Throws<JsonException>(() => KitchenSinkProvider.WireJson.ReadPart(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
        Assert.Contains("Part", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_out_of_range_is_a_json_exception_naming_the_member()
    {
        var json = Write(Sink.Example("n")).Replace("\"b\":", "\"b\":300,\"ignored\":", StringComparison.Ordinal);
        var error = Assert.Throws<JsonException>(() => KitchenSinkProvider.WireJson.ReadSink(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("\"b\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_and_differently_cased_names_still_match_and_unknown_names_are_kept()
    {
        var part = KitchenSinkProvider.WireJson.ReadPart("""{"\u006Bind":"a","WEIGHT":2.5,"We\u0049ght":3.5}"""u8);
        Assert.Equal("a", part.Kind);
        Assert.Equal(3.5, part.Weight);

        var response = PassThroughProvider.WireJson.ReadPassThroughResponse("""{"TEXT":"t","other":1,"\u0078":[true]}"""u8);
        Assert.Equal("t", response.Text);
        Assert.Equal(["other", "x"], response.Rest!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Enums_are_strings_with_a_string_converter_and_numbers_without()
    {
        var json = Write(Sink.Example("n"));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("Dark", document.RootElement.GetProperty("shade").GetString());
        Assert.Equal(7, document.RootElement.GetProperty("color").GetInt32());
        Assert.False(document.RootElement.TryGetProperty("nick", out _));
        Assert.False(document.RootElement.TryGetProperty("computed", out _));
        Assert.Equal(0, document.RootElement.GetProperty("renamed_value").GetInt64());
    }

    private static string Write(Sink sink)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            KitchenSinkProvider.WireJson.Write(writer, sink);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void AssertSameJson(string expected, string actual, string what)
    {
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual);
        Assert.True(Same(a.RootElement, b.RootElement), $"{what}:\nexpected {expected}\nactual   {actual}");
    }

    private static bool Same(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var other) && Same(p.Value, other));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => Same(p.First, p.Second));
            case JsonValueKind.Number:
                return a.GetRawText() == b.GetRawText() || (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) && x == y);
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            default:
                return true;
        }
    }

    private static readonly string[] Words = ["", "a", "Zoë", "tab\tand \"quotes\"", "<script>&", "emoji 😀", "line\nbreak", "back\\slash", "ünïcödé"];

    private static string Text(Random r) => Words[r.Next(Words.Length)] + (r.Next(3) == 0 ? r.Next().ToString() : string.Empty);

    private static T? Maybe<T>(Random r, Func<T> make) where T : class => r.Next(3) == 0 ? null : make();

    private static T? MaybeValue<T>(Random r, Func<T> make) where T : struct => r.Next(3) == 0 ? null : make();

    private static Part RandomPart(Random r, int depth) => new()
    {
        Kind = Text(r),
        Weight = Math.Round(r.NextDouble() * 1000, r.Next(6)) * (r.Next(2) == 0 ? -1 : 1),
        Children = depth < 2 ? Maybe(r, () => Enumerable.Range(0, r.Next(3)).Select(_ => RandomPart(r, depth + 1)).ToList()) : null,
        Grid = Maybe(r, () => Enumerable.Range(0, r.Next(4)).Select(_ => r.Next(-1000, 1000)).ToArray()),
        Labels = Maybe(r, () => Enumerable.Range(0, r.Next(3)).ToDictionary(i => "l" + i + Text(r), _ => r.Next(3) == 0 ? null : Text(r))),
    };

    // A JsonElement? holding a JSON null is ambiguous (System.Text.Json writes it as null and reads null back as no
    // element; the generated reader keeps it as a Null element), so nullable payloads are never JSON null here.
    private static JsonElement RandomElement(Random r, bool allowNull = true) => JsonDocument.Parse((allowNull ? r.Next(5) : r.Next(1, 5)) switch
    {
        0 => "null",
        1 => "[1,2.5,\"x\",true,{\"n\":null}]",
        2 => "{\"a\":{\"b\":[]},\"c\":-3e5}",
        3 => "\"just text\"",
        _ => r.Next().ToString(),
    }).RootElement.Clone();

    private static Sink RandomSink(Random r, int depth) => new(
        Name: Text(r),
        Nick: Maybe(r, () => Text(r)),
        Flag: r.Next(2) == 0,
        MaybeFlag: MaybeValue(r, () => r.Next(2) == 0),
        B: (byte)r.Next(256),
        SB: (sbyte)r.Next(-128, 128),
        S: (short)r.Next(short.MinValue, short.MaxValue),
        US: (ushort)r.Next(ushort.MaxValue),
        I: r.Next(int.MinValue, int.MaxValue),
        UI: (uint)r.NextInt64(uint.MaxValue),
        L: r.NextInt64(long.MinValue, long.MaxValue),
        UL: (ulong)r.NextInt64() * 2,
        F: (float)(r.NextDouble() * 1e6),
        D: r.NextDouble() * Math.Pow(10, r.Next(-10, 10)),
        M: (decimal)Math.Round(r.NextDouble() * 1e6, 4),
        MaybeInt: MaybeValue(r, () => r.Next()),
        MaybeDouble: MaybeValue(r, () => r.NextDouble()),
        Color: (Color)new[] { 0, 1, 7 }[r.Next(3)],
        Shade: (Shade)r.Next(3),
        MaybeShade: MaybeValue(r, () => (Shade)r.Next(3)),
        MaybeColor: MaybeValue(r, () => (Color)new[] { 0, 1, 7 }[r.Next(3)]),
        Tags: Enumerable.Range(0, r.Next(4)).Select(_ => Text(r)).ToArray(),
        Numbers: Enumerable.Range(0, r.Next(5)).Select(_ => r.Next()).ToList(),
        Parts: Enumerable.Range(0, r.Next(3)).Select(_ => RandomPart(r, depth)).ToArray(),
        Notes: Maybe(r, () => (IList<string?>)Enumerable.Range(0, r.Next(4)).Select(_ => r.Next(3) == 0 ? null : Text(r)).ToList()),
        Counts: Enumerable.Range(0, r.Next(4)).ToDictionary(i => "k" + i, _ => r.Next()),
        PartsByName: Maybe(r, () => (IReadOnlyDictionary<string, Part>)Enumerable.Range(0, r.Next(3)).ToDictionary(i => "p" + i, _ => RandomPart(r, depth + 1))),
        Main: RandomPart(r, depth),
        Extra: Maybe(r, () => RandomPart(r, depth + 1)),
        Payload: RandomElement(r),
        MaybePayload: r.Next(3) == 0 ? null : RandomElement(r, allowNull: false),
        When: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(r.Next(-12, 13))).AddSeconds(r.Next()),
        Key: new Guid(Enumerable.Range(0, 16).Select(_ => (byte)r.Next(256)).ToArray()),
        Matrix: Maybe(r, () => Enumerable.Range(0, r.Next(3)).Select(_ => Enumerable.Range(0, r.Next(3)).Select(_ => r.Next()).ToList()).ToList()))
    {
        Settable = r.Next(),
        InitOnly = Maybe(r, () => Text(r)),
        Renamed = r.NextInt64(),
    };
}
