using ModelMesh.Cdk;

namespace ModelMesh.Providers.LocalAI;

/// <summary>
/// LocalAI (<c>localai.local.v1</c>): a local OpenAI-compatible server at http://localhost:8080, no key. It has no catalogue: its models
/// are whatever is loaded, named in the configuration's <c>models:</c>.
/// </summary>
[Provider("localai.local.v1", BaseUrl = "http://localhost:8080")]
public partial class LocalAIProvider : OpenAICompatibleProvider;
