using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Providers;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests;

public class SecretRedactionTests
{
    private const string HeaderSecret = "hdr-secret-9c4e1a7b3f";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static string KeyOf(string providerId) => "sk-live-" + providerId + "-SECRET-5d8f2a6c";

    private static ProviderOptions Options(string id, Uri url) => new(id, url)
    {
        ApiKey = KeyOf(id),
        Headers = new Dictionary<string, string> { ["X-Upstream-Token"] = HeaderSecret },
        RequestTimeout = Bound,
        StreamIdleTimeout = Bound,
    };

    /// <summary>An error body that echoes both secrets in every field.</summary>
    private static string EchoingError(string key) =>
        "{\"error\":{\"message\":\"Incorrect API key provided: " + key + " (header " + HeaderSecret + ")\",\"type\":\"type-" + key
        + "\",\"code\":\"code-" + key + "\",\"param\":\"param-" + HeaderSecret + "\"}}";

    private static void AssertNoSecret(string? text, string key)
    {
        if (text is null)
        {
            return;
        }
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(HeaderSecret, text, StringComparison.Ordinal);
    }

    private static void AssertClean(ProviderException error, string key)
    {
        AssertNoSecret(error.Message, key);
        AssertNoSecret(error.ErrorCode, key);
        AssertNoSecret(error.ToString(), key);
        var c = error.Classification;
        foreach (var text in new[] { c.Code, c.Type, c.Param, c.Message, c.ToString() })
        {
            AssertNoSecret(text, key);
        }
    }

    /// <summary>A connector whose ClassifyError hook copies upstream text into every field, as a careless one might.</summary>
    private sealed class CarelessProvider(ProviderOptions options) : OpenAICompatibleProvider(options)
    {
        protected override ErrorClassification ClassifyError(ProviderError error) => new(ProviderErrorCategory.Server, true)
        {
            Code = error.BodyText,
            Type = error.BodyText,
            Param = error.BodyText,
            Message = error.BodyText,
        };

        protected override ChatCompletion ParseResponse(ReadOnlyMemory<byte> body) =>
            throw new FormatException("Could not read " + Encoding.UTF8.GetString(body.Span));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(400)]
    [InlineData(500)]
    public async Task An_upstream_echoing_secrets_in_code_param_type_and_message_leaks_none_of_them(int status)
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = new OpenAICompatibleProvider(Options("p", upstream.BaseUrl));
        upstream.EnqueueJson(EchoingError(KeyOf("p")), status);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(ProviderFixture.Request())).WaitAsync(Bound);

        AssertClean(error, KeyOf("p"));
        Assert.StartsWith("code-", error.ErrorCode, StringComparison.Ordinal); // redacted, not dropped
        Assert.Contains("***", error.ErrorCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mid_stream_error_echoing_secrets_leaks_none_of_them()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = new OpenAICompatibleProvider(Options("p", upstream.BaseUrl));
        upstream.EnqueueSse("event: error\ndata: " + EchoingError(KeyOf("p")) + "\n\n");

        var error = await Assert.ThrowsAnyAsync<ProviderException>(async () =>
        {
            await foreach (var _ in provider.StreamAsync(ProviderFixture.Request()))
            {
            }
        }).WaitAsync(Bound);

        AssertClean(error, KeyOf("p"));
    }

    [Fact]
    public async Task A_custom_classify_error_hook_and_a_throwing_parse_hook_leak_no_secret()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = new CarelessProvider(Options("p", upstream.BaseUrl));
        upstream.EnqueueJson(EchoingError(KeyOf("p")), 200);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(ProviderFixture.Request())).WaitAsync(Bound);

        AssertClean(error, KeyOf("p"));
        AssertNoSecret(error.InnerException?.Message, KeyOf("p"));
    }

    [Fact]
    public async Task Upstream_strings_are_bounded_in_length()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = new OpenAICompatibleProvider(Options("p", upstream.BaseUrl));
        // Within the 64 KiB error body that is read: 30,000 characters of message and 5,000 of each other field.
        var huge = new string('m', 30_000);
        upstream.EnqueueJson("{\"error\":{\"message\":\"" + huge + "\",\"type\":\"" + huge[..5_000] + "\",\"code\":\"" + huge[..5_000] + "\",\"param\":\"" + huge[..5_000] + "\"}}", 500);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(ProviderFixture.Request())).WaitAsync(Bound);

        var c = error.Classification;
        Assert.True(c.Message!.Length <= 2_000, $"Message of {c.Message.Length} characters.");
        Assert.EndsWith("…", c.Message, StringComparison.Ordinal);
        Assert.All(new[] { c.Code, c.Type, c.Param }, text => Assert.True(text!.Length <= 200, $"A field of {text.Length} characters."));
        Assert.True(error.Message.Length < 3_000, $"Exception message of {error.Message.Length} characters.");
    }

    [Fact]
    public async Task A_secret_cut_by_the_length_bound_is_still_redacted()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = new OpenAICompatibleProvider(Options("p", upstream.BaseUrl));
        // The key straddles the 200-character bound of 'code': cutting first would leave its first half visible.
        var code = new string('c', 190) + KeyOf("p");
        upstream.EnqueueJson("{\"error\":{\"message\":\"m\",\"code\":\"" + code + "\"}}", 500);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(ProviderFixture.Request())).WaitAsync(Bound);

        Assert.DoesNotContain("sk-live", error.ErrorCode, StringComparison.Ordinal);
    }

    private static MeshClient Mesh(MeshFixture fx, RetryOptions? retry = null)
    {
        var builder = new MeshBuilder().UseTimeProvider(fx.Clock);
        foreach (var id in new[] { "a", "b" })
        {
            builder.AddProvider(new OpenAICompatibleProvider(Options(id, fx[id].BaseUrl)));
        }
        return builder.AddModels(MeshFixture.Model("a"), MeshFixture.Model("b")).AddPool(new PoolDefinition
        {
            Id = "chat",
            Capability = "chat-completion",
            Strategy = RotationStrategies.StickUntilFailure,
            Retry = retry ?? MeshFixture.FastRetry,
        }).Build();
    }

    [Fact]
    public async Task Through_a_mesh_no_secret_reaches_all_providers_exhausted()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        foreach (var id in new[] { "a", "b" })
        {
            fx[id].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(EchoingError(KeyOf(id)))));
        }
        using var mesh = Mesh(fx);

        var error = await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).WaitAsync(Bound);

        Assert.Equal(4, error.Attempts.Count);
        foreach (var id in new[] { "a", "b" })
        {
            AssertNoSecret(error.Message, KeyOf(id));
            AssertNoSecret(error.ToString(), KeyOf(id));
        }
    }

    [Fact]
    public async Task Through_a_mesh_no_secret_reaches_stream_interrupted()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueSse(MeshFixture.Chunk(null, role: "assistant") + MeshFixture.Chunk("Hello")
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[]," + EchoingError(KeyOf("a"))[1..^1] + "}\n\n");
        using var mesh = Mesh(fx, new RetryOptions { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()))).WaitAsync(Bound);

        Assert.Equal("Hello", error.PartialText);
        AssertNoSecret(error.Message, KeyOf("a"));
        AssertNoSecret(error.ToString(), KeyOf("a"));
    }
}
