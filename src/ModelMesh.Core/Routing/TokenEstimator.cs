namespace ModelMesh.Routing;

/// <summary>
/// A cheap token estimate for routing decisions (context-window fit, budget reservations): about four
/// characters a token, plus a little per message and per image. It errs high rather than low.
/// </summary>
internal static class TokenEstimator
{
    private const int PerMessage = 4;
    private const int PerImage = 765; // a high-detail 512x512 tile set in OpenAI's accounting

    // Indexed loops: every routed chat request is estimated, and a foreach over an IReadOnlyList boxes its enumerator.
    public static int Estimate(ChatCompletionRequest request)
    {
        long chars = 0;
        long extra = 3;
        var messages = request.Messages;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            extra += PerMessage;
            if (message.ContentParts is { } parts)
            {
                for (var j = 0; j < parts.Count; j++)
                {
                    var part = parts[j];
                    chars += part.Text?.Length ?? 0;
                    extra += part.ImageUrl is not null ? PerImage : 0;
                    extra += part.InputAudio is not null ? (part.InputAudio.Data?.Length ?? 0) / 100 : 0;
                }
            }
            else
            {
                chars += message.Content?.Length ?? 0;
            }
            if (message.ToolCalls is { } calls)
            {
                for (var j = 0; j < calls.Count; j++)
                {
                    chars += (calls[j].Function?.Name?.Length ?? 0) + (calls[j].Function?.Arguments?.Length ?? 0);
                }
            }
        }
        if (request.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var function = tools[i].Function;
                chars += (function?.Name?.Length ?? 0) + (function?.Description?.Length ?? 0) + (function?.Parameters is { } schema ? RawLength(schema) : 0);
            }
        }
        return (int)Math.Min(int.MaxValue, FromCharacters(chars) + extra);
    }

    /// <summary>The length of a schema as written: its UTF-8 bytes in place where the runtime exposes them (no string per tool per request).</summary>
    private static int RawLength(System.Text.Json.JsonElement schema) =>
#if NET9_0_OR_GREATER
        System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(schema).Length;
#else
        schema.GetRawText().Length;
#endif

    public static int Estimate(EmbeddingInput input)
    {
        if (input.Tokens is { } tokens)
        {
            return tokens.Sum(t => t.Count);
        }
        return (int)Math.Min(int.MaxValue, input.Texts!.Sum(t => FromCharacters(t.Length)));
    }

    public static long FromCharacters(long characters) => (characters + 3) / 4;
}
