using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelMesh.Routing;

namespace ModelMesh.Telemetry;

/// <summary>
/// Message content in logs and spans, only when the mesh was built with <c>LogContent</c> on: the prompt and the
/// answer of chat calls, as trace-level log events (<see cref="MeshLog.Prompt"/>, <see cref="MeshLog.Answer"/>)
/// and as the request span's <c>gen_ai.input.messages</c> / <c>gen_ai.output.messages</c> (the GenAI conventions'
/// JSON, text parts only). With it off (the default) nothing here runs.
/// </summary>
internal static class ContentCapture
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The prompt of a chat request, as it is routed.</summary>
    public static void Prompt(MeshServices services, Activity? span, RoutingPool pool, ChatCompletionRequest? chat)
    {
        if (!services.LogContent || chat is null)
        {
            return;
        }
        if (services.Logger.IsEnabled(LogLevel.Trace))
        {
            var text = new StringBuilder();
            foreach (var message in chat.Messages)
            {
                text.Append(text.Length == 0 ? string.Empty : "\n").Append(message.Role).Append(": ").Append(message.Text);
            }
            MeshLog.Prompt(services.Logger, pool.Id, text.ToString());
        }
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryNames.InputMessages, Messages(chat.Messages.Select(m => (m.Role, m.Text, (string?)null))));
        }
    }

    /// <summary>The answer a chat request got from <paramref name="modelId"/>.</summary>
    public static void Answer(MeshServices services, Activity? span, RoutingPool pool, string? modelId, ChatCompletion completion)
    {
        if (!services.LogContent)
        {
            return;
        }
        if (services.Logger.IsEnabled(LogLevel.Trace))
        {
            MeshLog.Answer(services.Logger, modelId ?? string.Empty, pool.Id, completion.Choices.Count > 0 ? completion.Choices[0].Message.Text : string.Empty);
        }
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryNames.OutputMessages, Messages(completion.Choices.Select(c => (c.Message.Role, c.Message.Text, c.FinishReason))));
        }
    }

    /// <summary><c>[{"role":…,"parts":[{"type":"text","content":…}],"finish_reason":…}]</c>.</summary>
    private static string Messages(IEnumerable<(string Role, string Text, string? FinishReason)> messages)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Json))
        {
            writer.WriteStartArray();
            foreach (var (role, text, finishReason) in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", role);
                writer.WriteStartArray("parts");
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("content", text);
                writer.WriteEndObject();
                writer.WriteEndArray();
                if (finishReason is not null)
                {
                    writer.WriteString("finish_reason", finishReason);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
