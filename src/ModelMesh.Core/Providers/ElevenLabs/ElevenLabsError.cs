namespace ModelMesh.Providers.ElevenLabs;

/// <summary>
/// ElevenLabs' error body, <c>{"detail": {"status": "…", "message": "…"}}</c>. A validation error (422) has a list
/// as <c>detail</c> instead; it does not read as this record, and the HTTP status classifies it.
/// </summary>
internal sealed record ElevenLabsError(ElevenLabsErrorDetail? Detail);

/// <summary>The object form of <c>detail</c>.</summary>
internal sealed record ElevenLabsErrorDetail(string? Status, string? Message);
