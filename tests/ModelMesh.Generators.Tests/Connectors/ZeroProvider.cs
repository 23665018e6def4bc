using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>A zero-code OpenAI-compatible connector: only attributes.</summary>
[Provider("zero.compat.v1", BaseUrl = "https://zero.example.com")]
[ModelInfo("zero-small", "chat-completion", ContextWindow = 8_192, Features = ModelFeatures.Streaming | ModelFeatures.SystemPrompt)]
[ModelInfo("zero-embed", "text-embeddings", InputPricePer1K = 0.00002)]
public partial class ZeroProvider : OpenAICompatibleProvider
{
}
