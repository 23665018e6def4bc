namespace ModelMesh.Gateway.Metrics;

/// <summary>The gateway's routes, as metric labels: fixed, so a client cannot grow the label set.</summary>
internal enum Route
{
    ChatCompletions,
    Embeddings,
    Speech,
    Transcriptions,
    Models,
    Other,
}
