using ModelMesh.Cdk;

namespace ModelMesh.Providers.LMStudio;

/// <summary>
/// LM Studio (<c>lmstudio.local.v1</c>): a local OpenAI-compatible server at http://localhost:1234, no key. It has no catalogue: its models
/// are whatever is loaded, named in the configuration's <c>models:</c>.
/// </summary>
[Provider("lmstudio.local.v1", BaseUrl = "http://localhost:1234")]
public partial class LMStudioProvider : OpenAICompatibleProvider;
