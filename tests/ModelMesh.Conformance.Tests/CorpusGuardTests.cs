using ModelMesh.Testing;

namespace ModelMesh.Conformance.Tests;

/// <summary>
/// The corpus lives in the repository (tests/conformance) and every capture in it is accounted for: read by a
/// test, or waiting for the native connector that will read it. A capture added to the folder fails this guard
/// until a test claims it, so nothing in the corpus goes unchecked by accident.
/// </summary>
public class CorpusGuardTests
{
    /// <summary>Captures the tests of this repository read (conformance, error classification, stream framing, wire types).</summary>
    private static readonly string[] Read =
    [
        "anthropic/error-429.headers.txt",
        "anthropic/error-429.json",
        "anthropic/error-529-overloaded.json",
        "anthropic/messages-stream.sse",
        "anthropic/stream-error-overloaded.sse",
        "azure/chat-stream-async-filter.sse",
        "azure/chat-stream-content-filter.sse",
        "deepseek/chat-stream-reasoning.sse",
        "gemini/error-400-api-key.json",
        "gemini/error-429-retry-info.json",
        "groq/chat-stream-tool-call.sse",
        "mistral/chat-stream-tool-call.sse",
        "mistral/chat-stream.sse",
        "ollama/api-chat-stream.ndjson",
        "ollama/v1-chat-completions-stream.sse",
        "openai/chat-completion.json",
        "openai/chat-stream-include-usage.sse",
        "openai/chat-stream-logprobs.sse",
        "openai/chat-stream-n3-choices.sse",
        "openai/chat-stream-refusal-logprobs.sse",
        "openai/chat-stream-text.sse",
        "openai/chat-stream-tool-calls-parallel.sse",
        "openai/embeddings-base64.json",
        "openai/embeddings-float.json",
        "openai/error-400.json",
        "openai/error-401.json",
        "openai/error-429-insufficient-quota.json",
        "openai/error-429.json",
        "openai/error-500.headers.txt",
        "openai/error-500.json",
        "openai/models-list.json",
        "openrouter/chat-stream-midstream-error.sse",
        "openrouter/chat-stream-text.sse",
        "openrouter/chat-stream-tool-call.sse",
        "togetherai/chat-stream-tool-call.sse",
    ];

    /// <summary>Native-format captures (Anthropic Messages, Gemini generateContent, Ollama /api/chat) for the native connectors.</summary>
    private static readonly string[] AwaitingNativeConnector =
    [
        "anthropic/error-400.json",
        "anthropic/messages-stream-max-tokens-partial-json.sse",
        "anthropic/messages-stream-text-then-tool-use.sse",
        "anthropic/messages-stream-tool-use.sse",
        "anthropic/messages-tool-use.json",
        "anthropic/messages.json",
        "gemini/generate-content.json",
        "gemini/stream-generate-content-function-call.sse",
        "gemini/stream-generate-content-thinking-function-call.sse",
        "gemini/stream-generate-content.sse",
        "ollama/api-chat-stream-thinking.ndjson",
        "ollama/api-chat-stream-tool-call.ndjson",
        "openai/error-429.headers.md",
    ];

    [Fact]
    public void The_corpus_is_read_from_the_repository()
    {
        var root = ConformanceCaptures.Root.Replace('\\', '/');
        Assert.True(root.EndsWith("/tests/conformance", StringComparison.Ordinal) || Environment.GetEnvironmentVariable(ConformanceCaptures.DirectoryVariable) is not null, root);
        Assert.True(File.Exists(Path.Combine(ConformanceCaptures.Root, "SOURCES.md")));
    }

    [Fact]
    public void Every_capture_is_accounted_for()
    {
        var present = ConformanceCaptures.List();
        var accounted = Read.Concat(AwaitingNativeConnector).ToHashSet(StringComparer.Ordinal);
        var unclaimed = present.Where(p => !accounted.Contains(p)).ToArray();
        Assert.True(unclaimed.Length == 0, "captures no test reads (add a test, or list them here): " + string.Join(", ", unclaimed));
        var missing = accounted.Where(p => !present.Contains(p, StringComparer.Ordinal)).ToArray();
        Assert.True(missing.Length == 0, "listed captures not in tests/conformance: " + string.Join(", ", missing));
    }
}
