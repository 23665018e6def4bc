namespace ModelMesh.Routing;

/// <summary>
/// A cheap token estimate for routing decisions (context-window fit, budget reservations): about four
/// characters a token, plus a little per message and per image. It errs high rather than low.
/// </summary>
internal static class TokenEstimator
{
    private const int PerMessage = 4;
    private const int PerImage = 765; // a high-detail 512x512 tile set in OpenAI's accounting

    public static int Estimate(ChatCompletionRequest request)
    {
        long chars = 0;
        long extra = 3;
        foreach (var message in request.Messages)
        {
            extra += PerMessage;
            if (message.ContentParts is { } parts)
            {
                foreach (var part in parts)
                {
                    chars += part.Text?.Length ?? 0;
                    extra += part.ImageUrl is not null ? PerImage : 0;
                    extra += part.InputAudio is not null ? (part.InputAudio.Data?.Length ?? 0) / 100 : 0;
                }
            }
            else
            {
                chars += message.Content?.Length ?? 0;
            }
            foreach (var call in message.ToolCalls ?? [])
            {
                chars += (call.Function?.Name?.Length ?? 0) + (call.Function?.Arguments?.Length ?? 0);
            }
        }
        foreach (var tool in request.Tools ?? [])
        {
            chars += (tool.Function?.Name?.Length ?? 0) + (tool.Function?.Description?.Length ?? 0) + (tool.Function?.Parameters?.GetRawText().Length ?? 0);
        }
        return (int)Math.Min(int.MaxValue, FromCharacters(chars) + extra);
    }

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
