using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>Nested records and collections: every supported member kind, read and written.</summary>
[Provider("sink.wire.v1", BaseUrl = "https://sink.example.com")]
public partial class KitchenSinkProvider : BaseProvider
{
    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static Sink Build(ChatCompletionRequest request) => Sink.Example(request.Model);

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(Sink sink) => ChatCompletion.FromText(sink.Key.ToString(), sink.Name, sink.Nick ?? string.Empty);
}

public enum Color
{
    Red,
    Green,
    Blue = 7,
}

[JsonConverter(typeof(JsonStringEnumConverter<Shade>))]
public enum Shade : byte
{
    Light,
    Dark,
    VeryDark,
}

public sealed record Sink(
    string Name,
    string? Nick,
    bool Flag,
    bool? MaybeFlag,
    byte B,
    sbyte SB,
    short S,
    ushort US,
    int I,
    uint UI,
    long L,
    ulong UL,
    float F,
    double D,
    decimal M,
    int? MaybeInt,
    double? MaybeDouble,
    Color Color,
    Shade Shade,
    Shade? MaybeShade,
    Color? MaybeColor,
    string[] Tags,
    List<int> Numbers,
    IReadOnlyList<Part> Parts,
    IList<string?>? Notes,
    Dictionary<string, int> Counts,
    IReadOnlyDictionary<string, Part>? PartsByName,
    Part Main,
    Part? Extra,
    JsonElement Payload,
    JsonElement? MaybePayload,
    DateTimeOffset When,
    Guid Key,
    List<List<int>>? Matrix = null)
{
    [JsonIgnore]
    public string Computed => Name + "!";

    public int Settable { get; set; }

    public string? InitOnly { get; init; }

    [JsonPropertyName("renamed_value")]
    public long Renamed { get; set; }

    public static Sink Example(string name) => new(name, null, true, null, 1, -1, 2, 3, 4, 5, 6, 7, 1.5f, 2.5, 3.5m, null, null,
        Color.Blue, Shade.Dark, null, null, ["a"], [1], [], null, new() { ["x"] = 1 }, null,
        new Part { Kind = "main" }, null, JsonDocument.Parse("{\"k\":[1,true,null]}").RootElement, null,
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), Guid.Empty);
}

public sealed class Part
{
    public required string Kind { get; init; }

    public double Weight { get; set; }

    public List<Part>? Children { get; set; }

    public int[]? Grid { get; set; }

    public Dictionary<string, string?>? Labels { get; set; }
}
