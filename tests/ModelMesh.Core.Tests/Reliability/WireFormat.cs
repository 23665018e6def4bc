using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Providers.Anthropic;
using ModelMesh.Providers.Google;
using ModelMesh.Providers.Ollama;

namespace ModelMesh.Core.Tests.Reliability;

/// <summary>The provider formats the fault matrix runs against (its columns).</summary>
public enum ProviderFormat
{
    OpenAI,
    Anthropic,
    Gemini,
    OllamaNdjson,
}

/// <summary>
/// One vendor's streamed wire format as a fake upstream writes it: the pieces of a stream (preamble, text events,
/// ending), its keep-alive, its malformed and in-band error events, and its error bodies, shaped like the
/// captures in tests/conformance/&lt;vendor&gt;.
/// </summary>
internal abstract class WireFormat
{
    public static WireFormat For(ProviderFormat format) => format switch
    {
        ProviderFormat.OpenAI => new OpenAIWire(),
        ProviderFormat.Anthropic => new AnthropicWire(),
        ProviderFormat.Gemini => new GeminiWire(),
        ProviderFormat.OllamaNdjson => new OllamaWire(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public virtual string ContentType => "text/event-stream";

    /// <summary>What comes before the first text (role chunk, message start); no output of its own.</summary>
    public abstract string Preamble { get; }

    public abstract string Text(string text);

    /// <summary>The finish event and terminator that end a complete stream.</summary>
    public abstract string Ending { get; }

    /// <summary>What the vendor sends to keep an idle stream open (an SSE comment, a ping event, a blank line).</summary>
    public virtual string KeepAlive => ": keep-alive\n\n";

    public virtual string Malformed => "data: {\"choices\": [{\"delta\": {\"content\": \"x\"\n\n";

    public abstract string InBandError { get; }

    public abstract string ErrorBody(int status);

    public abstract BaseProvider Provider(ProviderOptions options);

    public string Stream(params string[] texts) => Preamble + string.Concat(texts.Select(Text)) + Ending;

    protected static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private sealed class OpenAIWire : WireFormat
    {
        public override string Preamble => Chunk("\"role\":\"assistant\"", "null");

        public override string Text(string text) => Chunk("\"content\":\"" + Escape(text) + "\"", "null");

        public override string Ending => Chunk(string.Empty, "\"stop\"") + "data: [DONE]\n\n";

        public override string InBandError => "data: {\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\",\"code\":\"overloaded\"}}\n\n";

        public override string ErrorBody(int status) => status == 429
            ? "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"
            : "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

        public override BaseProvider Provider(ProviderOptions options) => new OpenAICompatibleProvider(options);

        private static string Chunk(string delta, string finish) =>
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{"
            + delta + "},\"finish_reason\":" + finish + "}]}\n\n";
    }

    private sealed class AnthropicWire : WireFormat
    {
        public override string Preamble =>
            Event("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"claude-haiku-4-5-20251001\",\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}")
            + Event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");

        public override string Text(string text) =>
            Event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + Escape(text) + "\"}}");

        public override string Ending =>
            Event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + Event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}")
            + Event("message_stop", "{\"type\":\"message_stop\"}");

        // Anthropic keeps a stream open with ping events, not SSE comments.
        public override string KeepAlive => Event("ping", "{\"type\": \"ping\"}");

        public override string Malformed => Event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"");

        // tests/conformance/anthropic/stream-error-overloaded.sse
        public override string InBandError => Event("error", "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}");

        public override string ErrorBody(int status) => "{\"type\":\"error\",\"error\":{\"type\":\"" + status switch
        {
            429 => "rate_limit_error",
            529 => "overloaded_error",
            _ => "api_error",
        } + "\",\"message\":\"upstream trouble\"}}";

        public override BaseProvider Provider(ProviderOptions options) => new AnthropicProvider(options);

        private static string Event(string name, string data) => "event: " + name + "\ndata: " + data + "\n\n";
    }

    private sealed class GeminiWire : WireFormat
    {
        public override string Preamble => string.Empty;

        public override string Text(string text) => Chunk(text, finish: null);

        // Gemini has no terminator: the last chunk carries the finish reason and the usage.
        public override string Ending => Chunk(string.Empty, "STOP");

        public override string Malformed => "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"x\"\n\n";

        public override string InBandError => "data: {\"error\": {\"code\": 503, \"message\": \"The model is overloaded. Please try again later.\", \"status\": \"UNAVAILABLE\"}}\n\n";

        public override string ErrorBody(int status) => "{\"error\": {\"code\": " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", \"message\": \"upstream trouble\", \"status\": \"" + status switch
        {
            429 => "RESOURCE_EXHAUSTED",
            503 => "UNAVAILABLE",
            _ => "INTERNAL",
        } + "\"}}";

        public override BaseProvider Provider(ProviderOptions options) => new GeminiProvider(options);

        private static string Chunk(string text, string? finish) =>
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + Escape(text) + "\"}],\"role\": \"model\"}"
            + (finish is null ? string.Empty : ",\"finishReason\": \"" + finish + "\"")
            + "}],\"usageMetadata\": {\"promptTokenCount\": 7,\"candidatesTokenCount\": 3,\"totalTokenCount\": 10},\"modelVersion\": \"gemini-2.0-flash\"}\r\n\r\n";
    }

    private sealed class OllamaWire : WireFormat
    {
        public override string ContentType => "application/x-ndjson";

        public override string Preamble => string.Empty;

        public override string Text(string text) =>
            "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-02T11:45:16.216898458Z\",\"message\":{\"role\":\"assistant\",\"content\":\"" + Escape(text) + "\"},\"done\":false}\n";

        public override string Ending =>
            "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-02T11:45:16.265598822Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":10,\"eval_count\":3}\n";

        // NDJSON has no comments: an idle Ollama stream is silence; the nearest keep-alive is a blank line.
        public override string KeepAlive => "\n";

        public override string Malformed => "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"x\"\n";

        public override string InBandError => "{\"error\":\"model runner has unexpectedly stopped\"}\n";

        public override string ErrorBody(int status) => "{\"error\":\"upstream trouble\"}";

        public override BaseProvider Provider(ProviderOptions options) => new OllamaProvider(options);
    }
}
