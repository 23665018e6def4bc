using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using ModelMesh.Telemetry;

namespace ModelMesh.Core.Tests.Telemetry;

/// <summary>When nobody listens to the mesh's source, no span is created: the provider runs under the caller's activity.</summary>
[Collection(ListenerCollection.Name)]
public sealed class NoListenerTests
{
    /// <summary>An in-process chat client that notes the activity current when it is called.</summary>
    private sealed class ActivityProbe : IChatClient
    {
        public List<Activity?> Seen { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Seen.Add(Activity.Current);
            return Task.FromResult(new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.Assistant, "ok")) { ModelId = "m" });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Seen.Add(Activity.Current);
            await Task.Yield();
            yield return new ChatResponseUpdate(Microsoft.Extensions.AI.ChatRole.Assistant, "ok") { ModelId = "m" };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Without_a_listener_no_span_is_created_and_with_one_the_provider_runs_in_its_attempt_span()
    {
        var probe = new ActivityProbe();
        using var mesh = new MeshBuilder().AddChatClient("p", probe, "m")
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" }).Build();
        var ask = new ModelMesh.ChatCompletionRequest { Model = "chat", Messages = [ModelMesh.ChatMessage.User("hi")] };
        using var caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

        Assert.False(MeshActivities.Source.HasListeners());
        await mesh.Chat.Completions.CreateAsync(ask);
        await foreach (var _ in mesh.Chat.Completions.StreamAsync(ask))
        {
        }

        Assert.Equal(2, probe.Seen.Count);
        Assert.All(probe.Seen, seen => Assert.Same(caller, seen));

        probe.Seen.Clear();
        using (var spans = new SpanCollector())
        {
            await mesh.Chat.Completions.CreateAsync(ask);
            await foreach (var _ in mesh.Chat.Completions.StreamAsync(ask))
            {
            }
        }
        Assert.Equal(2, probe.Seen.Count);
        Assert.All(probe.Seen, seen =>
        {
            Assert.Equal(MeshTelemetry.ActivitySourceName, seen?.Source.Name);
            Assert.Equal("chat m", seen?.DisplayName);
        });
    }
}
