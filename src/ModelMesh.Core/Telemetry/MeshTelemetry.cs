namespace ModelMesh.Telemetry;

/// <summary>
/// The names under which the mesh reports traces and metrics, following the OpenTelemetry GenAI semantic
/// conventions: one <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/>,
/// both named <c>ModelMesh</c>. Subscribe with <c>.AddSource(MeshTelemetry.ActivitySourceName)</c> and
/// <c>.AddMeter(MeshTelemetry.MeterName)</c>; docs/telemetry.md lists every span, attribute and instrument.
/// </summary>
public static class MeshTelemetry
{
    /// <summary>The name of the activity source of the mesh's spans (one per request, one per upstream attempt).</summary>
    public const string ActivitySourceName = "ModelMesh";

    /// <summary>The name of the meter of the mesh's instruments.</summary>
    public const string MeterName = "ModelMesh";

    /// <summary>The names of the mesh's instruments.</summary>
    public static class Instruments
    {
        /// <summary>Histogram (s): how long each upstream call took.</summary>
        public const string OperationDuration = "gen_ai.client.operation.duration";

        /// <summary>Histogram ({token}): input and output tokens of each upstream call (<c>gen_ai.token.type</c>).</summary>
        public const string TokenUsage = "gen_ai.client.token.usage";

        /// <summary>Histogram (s): time from sending a streamed call to its first chunk.</summary>
        public const string TimeToFirstChunk = "gen_ai.client.operation.time_to_first_chunk";

        /// <summary>Counter ({failover}): requests that moved from one model to the next.</summary>
        public const string Failovers = "modelmesh.failovers";

        /// <summary>Counter ({deactivation}): models put on standby.</summary>
        public const string Deactivations = "modelmesh.deactivations";

        /// <summary>Counter (USD): money spent on upstream calls.</summary>
        public const string BudgetSpent = "modelmesh.budget.spent";

        /// <summary>Observable gauge ({model}): the active models of each pool.</summary>
        public const string ActiveModels = "modelmesh.models.active";
    }
}
