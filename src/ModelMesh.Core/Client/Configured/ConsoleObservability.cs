using System.Globalization;

namespace ModelMesh.Configuration;

/// <summary>
/// <c>modelmesh.console.v1</c>: one line per routed request (pool, model, provider, time, tokens) or failure,
/// to a text writer (standard error by default). Messages come from ModelMesh's exceptions, which never carry
/// secrets.
/// </summary>
internal sealed class ConsoleObservability(TextWriter output, string prefix, bool showTimestamp) : MeshMiddleware
{
    public const string Id = "modelmesh.console.v1";
    public const string NullId = "modelmesh.null.v1";

    private readonly object _gate = new();

    public static ConsoleObservability FromConfig(ConfigNode? config, TextWriter output)
    {
        config?.EnsureOnlyKeys("prefix", "show_timestamp");
        return new ConsoleObservability(output, config?.Get("prefix")?.GetString() ?? "[ModelMesh]", config?.Get("show_timestamp")?.GetBool() ?? true);
    }

    public override ValueTask AfterResponseAsync(MiddlewareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var usage = context.Response?.Usage;
        Write(context, $"ok model={context.ModelId} provider={context.ProviderId} tokens={usage?.PromptTokens ?? 0}+{usage?.CompletionTokens ?? 0}");
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ChatCompletion?> OnErrorAsync(MiddlewareContext context, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        Write(context, $"failed {error.GetType().Name}: {error.Message.ReplaceLineEndings(" | ")}");
        return ValueTask.FromResult<ChatCompletion?>(null);
    }

    private void Write(MiddlewareContext context, string what)
    {
        var elapsed = DateTimeOffset.UtcNow - context.StartedAt;
        var stamp = showTimestamp ? DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) + " " : string.Empty;
        lock (_gate)
        {
            output.WriteLine($"{prefix} {stamp}pool={context.PoolId} stream={(context.IsStreaming ? "yes" : "no")} ms={elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} {what}");
        }
    }
}
