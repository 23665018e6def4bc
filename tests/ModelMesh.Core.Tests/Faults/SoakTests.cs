using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Faults;

/// <summary>
/// The correctness issue's soak: 2,000 requests, whole and streamed, eight at a time, over three upstreams that
/// each fail one request in five at random (server errors, rate limits, cuts before and after output, garbage).
/// Every request ends in an answer or a typed error; no upstream is dead, so at no moment is every model on
/// standby; nothing stays reserved or in flight.
/// </summary>
public sealed class SoakTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Requests = 2000;
    private const int Concurrency = 8;

    [Fact]
    public async Task Two_thousand_requests_with_one_in_five_failing_never_leave_the_pool_without_a_model()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        var seed = 20261201;
        foreach (var id in new[] { "a", "b", "c" })
        {
            var random = new Random(seed++);
            fx[id].Otherwise((context, request) => Respond(context, request, id, random));
        }
        var builder = new MeshBuilder();
        foreach (var id in new[] { "a", "b", "c" })
        {
            builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions(id, fx[id].BaseUrl) { ApiKey = "sk-test-" + id + "-0123456789", RequestTimeout = TimeSpan.FromSeconds(20) }));
        }
        using var mesh = builder.AddModels(MeshFixture.Model("a"), MeshFixture.Model("b"), MeshFixture.Model("c"))
            .AddPool(new PoolDefinition
            {
                Id = "chat",
                Capability = "chat-completion",
                Rotation = new RotationPolicyOptions { Cooldown = TimeSpan.FromSeconds(2) },
                Retry = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(20), TotalTimeout = TimeSpan.FromSeconds(30) },
            })
            .UseBudget(new BudgetOptions { DailyLimit = 1000m })
            .Build();

        var outcomes = new Dictionary<string, int>();
        var allOnStandby = 0;
        var next = -1;
        async Task WorkAsync()
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < Requests)
            {
                var outcome = await OneAsync(mesh, streamed: n % 2 == 0);
                lock (outcomes)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
                if (mesh.PoolStatus("chat").Active == 0)
                {
                    Interlocked.Increment(ref allOnStandby);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkAsync))).WaitAsync(TimeSpan.FromMinutes(5));

        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));
        output.WriteLine($"outcomes: {summary}; upstream requests: {string.Join(", ", new[] { "a", "b", "c" }.Select(id => $"{id}={fx[id].Requests.Count}"))}");
        Assert.Equal(Requests, outcomes.Values.Sum());
        Assert.True(allOnStandby == 0, $"every model was on standby {allOnStandby} time(s); outcomes: {summary}");
        Assert.False(outcomes.ContainsKey(nameof(NoActiveModelException)), summary);
        Assert.False(outcomes.ContainsKey("untyped"), summary);
        Assert.True(outcomes.GetValueOrDefault("ok") >= Requests * 9 / 10, summary);
        Assert.Equal(0m, mesh.Usage.Budget.Reserved);
        Assert.All(mesh.PoolStatus("chat").Models, m => Assert.Equal(0, m.InFlight));
    }

    private static async Task<string> OneAsync(MeshClient mesh, bool streamed)
    {
        try
        {
            if (streamed)
            {
                await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));
            }
            else
            {
                await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
            }
            return "ok";
        }
        catch (ModelMeshException error)
        {
            return error.GetType().Name;
        }
        catch (Exception)
        {
            return "untyped";
        }
    }

    private static Task Respond(Microsoft.AspNetCore.Http.HttpContext context, RecordedRequest request, string id, Random random)
    {
        int roll;
        lock (random)
        {
            roll = random.Next(100);
        }
        var stream = request.Body!.Contains("\"stream\":true", StringComparison.Ordinal);
        return roll switch
        {
            < 5 => Json(context, 500, MeshFixture.ErrorJson("boom")),
            < 9 => Json(context, 429, MeshFixture.ErrorJson("slow down", "rate_limit_error")),
            < 12 => Json(context, 503, MeshFixture.ErrorJson("overloaded")),
            < 15 => LoopbackUpstream.WriteAsync(context, 200, stream ? "text/event-stream" : "application/json", Encoding.UTF8.GetBytes(stream ? "data: {not json\n\n" : "{not json")),
            < 18 => Cut(context, stream, afterOutput: false),
            < 20 => Cut(context, stream, afterOutput: true),
            _ => stream
                ? LoopbackUpstream.WriteAsync(context, 200, "text/event-stream", Encoding.UTF8.GetBytes(MeshFixture.Stream("from", " " + id)))
                : Json(context, 200, MeshFixture.CompletionJson("from " + id)),
        };
    }

    private static Task Json(Microsoft.AspNetCore.Http.HttpContext context, int status, string json) =>
        LoopbackUpstream.WriteAsync(context, status, "application/json", Encoding.UTF8.GetBytes(json));

    private static async Task Cut(Microsoft.AspNetCore.Http.HttpContext context, bool stream, bool afterOutput)
    {
        context.Response.ContentType = stream ? "text/event-stream" : "application/json";
        await LoopbackUpstream.WriteAndFlushAsync(context, stream
            ? MeshFixture.Chunk(null, role: "assistant") + (afterOutput ? MeshFixture.Chunk("partial") : string.Empty)
            : "{\"id\":\"cmpl-1\",\"choices\":[");
        context.Abort();
    }
}
