namespace ModelMesh.Telemetry;

/// <summary>Attribute names and values of the GenAI semantic conventions, and the mesh's own (<c>modelmesh.*</c>).</summary>
internal static class TelemetryNames
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string TimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string InputMessages = "gen_ai.input.messages";
    public const string OutputMessages = "gen_ai.output.messages";
    public const string ErrorType = "error.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";

    public const string Pool = "modelmesh.pool";
    public const string Strategy = "modelmesh.strategy";
    public const string Attempt = "modelmesh.attempt";
    public const string Attempts = "modelmesh.attempts";
    public const string Model = "modelmesh.model";
    public const string FailoverReason = "modelmesh.failover_reason";
    public const string DeactivationReason = "modelmesh.deactivation_reason";

    /// <summary>The <c>gen_ai.provider.name</c> of a request span: the caller talks to the mesh, which picks the upstream.</summary>
    public const string MeshProvider = "modelmesh";

    public const string Input = "input";
    public const string Output = "output";

    /// <summary>The <c>error.type</c> of a call the caller cancelled (or a stream it stopped reading): not a failure.</summary>
    public const string Cancelled = "cancelled";
}
