using ModelMesh.Cdk;

namespace ModelMesh.Providers.Vllm;

/// <summary>
/// vLLM (<c>vllm.local.v1</c>): a local OpenAI-compatible server at http://localhost:8000, no key. It has no catalogue: its models
/// are whatever is loaded, named in the configuration's <c>models:</c>.
/// </summary>
[Provider("vllm.local.v1", BaseUrl = "http://localhost:8000")]
public partial class VllmProvider : OpenAICompatibleProvider;
