using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Cli.Tests.Connector;

/// <summary>An OpenAI-compatible connector with a one-model catalogue, as a user would write it.</summary>
[Provider("clitest.echo.v1", BaseUrl = "http://127.0.0.1:9")]
[ModelInfo("echo-1", "chat-completion", ContextWindow = 4_096)]
internal sealed partial class EchoProvider : OpenAICompatibleProvider
{
}
