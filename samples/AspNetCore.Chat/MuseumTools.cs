using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace MuseumChat;

/// <summary>The tool the model may call: the museum's opening hours, which only the app knows.</summary>
internal static class MuseumTools
{
    /// <summary>
    /// The tool as an <see cref="AIFunction"/>. <c>AIFunctionFactory.Create</c> binds the method by reflection (fine in
    /// a JIT app; not for Native AOT), but its JSON — the parameter schema, the arguments, the result — goes through
    /// the source-generated <see cref="AppJsonContext"/>.
    /// </summary>
    public static AIFunction OpeningHours { get; } = AIFunctionFactory.Create(GetOpeningHours, new AIFunctionFactoryOptions
    {
        Name = "get_opening_hours",
        SerializerOptions = AppJsonContext.Default.Options,
    });

    [Description("Today's opening hours of the ModelMesh museum.")]
    private static OpeningHours GetOpeningHours() => new("09:30", "17:00", "Closed on Mondays");
}

/// <summary>The tool's result.</summary>
internal sealed record OpeningHours(string Opens, string Closes, string Note);

/// <summary>The body of <c>POST /ask</c>.</summary>
internal sealed record AskRequest(string Question);

/// <summary>The answer of <c>POST /ask</c>, with the tools the model called on the way.</summary>
internal sealed record AskResponse(string Answer, IReadOnlyList<string> ToolsCalled, string? Model);

/// <summary>Every type the app reads or writes as JSON: the endpoint's body, answers and errors, and the tool's result.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(AskResponse))]
[JsonSerializable(typeof(OpeningHours))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
