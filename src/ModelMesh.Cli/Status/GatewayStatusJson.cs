using System.Globalization;
using System.Text.Json;

namespace ModelMesh.Cli.Status;

/// <summary>
/// Reads a gateway's <c>GET /admin/status</c> body: <c>{"version", "pools":[{"id","strategy","capability","current",
/// "models":[{"id","provider","status","reason","cooldown_until","requests","failures","error_rate","latency_p95_ms"}]}]}</c>,
/// with <see cref="JsonDocument"/> (no reflection). A body of another shape is an error naming the JSON path.
/// </summary>
internal static class GatewayStatusJson
{
    /// <exception cref="CliFailureException">The body is not JSON, or not of that shape; the message names the path.</exception>
    public static StatusReport Parse(ReadOnlyMemory<byte> body, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new CliFailureException($"The gateway at {source} answered /admin/status with a body that is not JSON ({e.Message}).");
        }
        using (document)
        {
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, "$", source);
            var pools = Array(root, "pools", "$", source);
            return new StatusReport(source, OptionalString(root, "version", "$", source), pools.Select((p, i) => Pool(p, $"$.pools[{i}]", source)).ToArray());
        }
    }

    private static PoolRow Pool(JsonElement pool, string path, string source)
    {
        Expect(pool, JsonValueKind.Object, path, source);
        var models = Array(pool, "models", path, source);
        return new PoolRow(
            RequiredString(pool, "id", path, source),
            RequiredString(pool, "strategy", path, source),
            OptionalString(pool, "capability", path, source),
            OptionalString(pool, "current", path, source),
            models.Select((m, i) => Model(m, $"{path}.models[{i}]", source)).ToArray());
    }

    private static ModelRow Model(JsonElement model, string path, string source)
    {
        Expect(model, JsonValueKind.Object, path, source);
        var status = RequiredString(model, "status", path, source);
        var isActive = status switch
        {
            "active" => true,
            "standby" => false,
            _ => throw Wrong(source, $"{path}.status", $"is '{status}', expected \"active\" or \"standby\""),
        };
        DateTimeOffset? cooldownUntil = null;
        if (OptionalString(model, "cooldown_until", path, source) is { } until)
        {
            cooldownUntil = DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : throw Wrong(source, $"{path}.cooldown_until", "is not an ISO 8601 time");
        }
        return new ModelRow(
            RequiredString(model, "id", path, source),
            RequiredString(model, "provider", path, source),
            isActive,
            OptionalString(model, "reason", path, source),
            cooldownUntil,
            Count(model, "requests", path, source),
            Count(model, "failures", path, source),
            OptionalNumber(model, "error_rate", path, source) ?? 0,
            OptionalNumber(model, "latency_p95_ms", path, source));
    }

    private static JsonElement[] Array(JsonElement owner, string name, string path, string source)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            throw Wrong(source, $"{path}.{name}", "is missing");
        }
        Expect(value, JsonValueKind.Array, $"{path}.{name}", source);
        return [.. value.EnumerateArray()];
    }

    private static string RequiredString(JsonElement owner, string name, string path, string source) =>
        OptionalString(owner, name, path, source) ?? throw Wrong(source, $"{path}.{name}", "is missing");

    private static string? OptionalString(JsonElement owner, string name, string path, string source)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        Expect(value, JsonValueKind.String, $"{path}.{name}", source);
        return value.GetString();
    }

    private static double? OptionalNumber(JsonElement owner, string name, string path, string source)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        Expect(value, JsonValueKind.Number, $"{path}.{name}", source);
        return value.GetDouble();
    }

    private static long Count(JsonElement owner, string name, string path, string source)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return 0;
        }
        Expect(value, JsonValueKind.Number, $"{path}.{name}", source);
        return value.TryGetInt64(out var count) && count >= 0 ? count : throw Wrong(source, $"{path}.{name}", "is not a whole number of at least 0");
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string path, string source)
    {
        if (value.ValueKind != kind)
        {
            throw Wrong(source, path, $"is {Describe(value.ValueKind)}, expected {Describe(kind)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static CliFailureException Wrong(string source, string path, string problem) =>
        new($"The gateway at {source} answered /admin/status with an unexpected body: {path} {problem}.");
}
