using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Discovery;

/// <summary>
/// A local runtime on a real loopback server, speaking Ollama's native API (<c>/api/tags</c>, <c>/api/show</c>,
/// <c>/api/chat</c>) and the OpenAI-compatible one (<c>/v1/models</c>, <c>/v1/chat/completions</c>). It serves the
/// models it holds and answers 404 for any other, as the real runtimes do for a model never pulled.
/// </summary>
internal sealed class FakeLocalRuntime : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string[]?> _models = new(StringComparer.Ordinal);

    private FakeLocalRuntime(LoopbackUpstream upstream) => Upstream = upstream;

    public LoopbackUpstream Upstream { get; }

    /// <summary>Held open until completed: the model list is not answered before (a slow runtime).</summary>
    public TaskCompletionSource ListGate { get; set; } = CompletedGate();

    /// <summary>The status the model list answers with; 200 serves the models.</summary>
    public int ListStatus { get; set; } = 200;

    /// <summary>Models answered to chat although not listed (what a catalogue fallback may name).</summary>
    public HashSet<string> AlsoAnswers { get; } = new(StringComparer.Ordinal);

    /// <summary>An error body for a failing model list (to check it is redacted).</summary>
    public string ListErrorBody { get; set; } = "{\"error\":\"server unavailable\"}";

    public static async Task<FakeLocalRuntime> StartAsync(params (string Name, string[]? Capabilities)[] models)
    {
        var fake = new FakeLocalRuntime(await LoopbackUpstream.StartAsync());
        foreach (var (name, capabilities) in models)
        {
            fake._models[name] = capabilities;
        }
        fake.Upstream.Otherwise(fake.HandleAsync);
        return fake;
    }

    public void Hold() => ListGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Serve(string name, params string[] capabilities) => _models[name] = capabilities;

    public int Calls(string method, string path) => Upstream.Requests.Count(r => r.Method == method && r.Uri.AbsolutePath == path);

    /// <summary>The model each chat request asked for, in order.</summary>
    public IReadOnlyList<string> ChatModels => Upstream.Requests
        .Where(r => r.Uri.AbsolutePath is "/api/chat" or "/v1/chat/completions")
        .Select(r => ModelOf(r.Body))
        .ToArray();

    private async Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        switch (request.Method, request.Uri.AbsolutePath)
        {
            case ("GET", "/api/tags"):
            case ("GET", "/v1/models"):
                await ListGate.Task.WaitAsync(context.RequestAborted);
                if (ListStatus != 200)
                {
                    await Json(context, ListStatus, ListErrorBody);
                    return;
                }
                await Json(context, 200, request.Uri.AbsolutePath == "/api/tags"
                    ? "{\"models\":[" + string.Join(",", _models.Keys.Order().Select(n => $"{{\"name\":{Quoted(n)},\"size\":1}}")) + "]}"
                    : "{\"object\":\"list\",\"data\":[" + string.Join(",", _models.Keys.Order().Select(n => $"{{\"id\":{Quoted(n)},\"object\":\"model\",\"owned_by\":\"local\"}}")) + "]}");
                return;
            case ("POST", "/api/show"):
                var shown = ModelOf(request.Body);
                if (!_models.TryGetValue(shown, out var capabilities))
                {
                    await Json(context, 404, $"{{\"error\":\"model '{shown}' not found\"}}");
                    return;
                }
                await Json(context, 200, capabilities is null ? "{\"modelfile\":\"FROM x\"}" : "{\"capabilities\":[" + string.Join(",", capabilities.Select(Quoted)) + "]}");
                return;
            case ("POST", "/api/chat"):
            case ("POST", "/v1/chat/completions"):
                var model = ModelOf(request.Body);
                if (!_models.ContainsKey(model) && !AlsoAnswers.Contains(model))
                {
                    await Json(context, 404, $"{{\"error\":\"model '{model}' not found, try pulling it first\"}}");
                    return;
                }
                await Json(context, 200, request.Uri.AbsolutePath == "/api/chat"
                    ? $$"""{"model":"{{model}}","message":{"role":"assistant","content":"from {{model}}"},"done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":2}"""
                    : Routing.MeshFixture.CompletionJson("from " + model));
                return;
            default:
                await Json(context, 404, "{\"error\":\"no such endpoint\"}");
                return;
        }
    }

    private static string ModelOf(string? body) =>
        body is null ? string.Empty : JsonDocument.Parse(body).RootElement.GetProperty("model").GetString() ?? string.Empty;

    private static string Quoted(string value) => "\"" + JsonEncodedText.Encode(value) + "\"";

    private static Task Json(HttpContext context, int status, string json) =>
        LoopbackUpstream.WriteAsync(context, status, "application/json", Encoding.UTF8.GetBytes(json));

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    public ValueTask DisposeAsync()
    {
        ListGate.TrySetResult();
        return Upstream.DisposeAsync();
    }
}
