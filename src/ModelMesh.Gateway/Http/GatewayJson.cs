using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ModelMesh.Gateway.Http;

/// <summary>How the gateway reads and writes JSON.</summary>
internal static class GatewayJson
{
    /// <summary>Written as OpenAI does: quotes and apostrophes as themselves (the answers are API bodies, never HTML).</summary>
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A chat request as a client must send it: the wire types' metadata, except that a message without <c>role</c>
    /// is refused (the type defaults it to <c>user</c> for callers in code; OpenAI refuses it, and so does the gateway).
    /// </summary>
    public static readonly JsonTypeInfo<ChatCompletionRequest> ChatCompletionRequest = WithRequiredRole();

    private static JsonTypeInfo<ChatCompletionRequest> WithRequiredRole()
    {
        var wire = ModelMeshJson.ChatCompletionRequest.Options;
        var options = new JsonSerializerOptions(wire)
        {
            TypeInfoResolver = wire.TypeInfoResolver!.WithAddedModifier(static type =>
            {
                if (type.Type != typeof(ChatMessage))
                {
                    return;
                }
                foreach (var property in type.Properties)
                {
                    if (property.Name == "role")
                    {
                        property.IsRequired = true;
                    }
                }
            }),
        };
        options.MakeReadOnly();
        return (JsonTypeInfo<ChatCompletionRequest>)options.GetTypeInfo(typeof(ChatCompletionRequest));
    }
}
