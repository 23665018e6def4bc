using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelMesh.Gateway.Http;

/// <summary>How the gateway writes JSON: as OpenAI does, quotes and apostrophes as themselves (the answers are API bodies, never HTML).</summary>
internal static class GatewayJson
{
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
