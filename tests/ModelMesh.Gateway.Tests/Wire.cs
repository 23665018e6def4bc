using System.Net;
using System.Text;
using System.Text.Json;

namespace ModelMesh.Gateway.Tests;

/// <summary>Raw HTTP helpers: request bodies, error bodies, SSE events.</summary>
internal static class Wire
{
    public const string Hi = """{"model":"chat","messages":[{"role":"user","content":"Hi"}]}""";

    public const string HiStream = """{"model":"chat","stream":true,"messages":[{"role":"user","content":"Hi"}]}""";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The answer's <c>error</c> object, after checking the answer is JSON with <paramref name="status"/>.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error").Clone();
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        return error;
    }

    public static string? Param(this JsonElement error) => error.GetProperty("param").GetString();

    public static string? Type(this JsonElement error) => error.GetProperty("type").GetString();

    public static string? Code(this JsonElement error) => error.GetProperty("code").GetString();

    public static string Message(this JsonElement error) => error.GetProperty("message").GetString()!;

    /// <summary>The <c>data:</c> payloads of an SSE body, in order.</summary>
    public static IReadOnlyList<string> Events(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => e.StartsWith("data: ", StringComparison.Ordinal))
            .Select(e => e["data: ".Length..])
            .ToArray();

    /// <summary>A bound for anything a test awaits: a hang fails the test instead of stalling the run.</summary>
    public static Task<T> Within<T>(this Task<T> task, int seconds = 15) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public static Task Within(this Task task, int seconds = 15) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
