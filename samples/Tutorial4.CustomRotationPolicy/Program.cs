// Tutorial 4: a custom rotation policy from scratch.
//
// TimeOfDayRotationPolicy (TimeOfDayRotationPolicy.cs) overrides three methods of BaseRotationPolicy:
// ShouldDeactivate and GetReason (maintenance windows) and Score (cost tiers by hour). It is registered by id, so a
// pool (in code or in a config file) names it as its strategy. The mesh runs on a clock the sample sets, and gives it
// to every pool's policy; the policy reads the hour from it.
using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Samples;
using Tutorial4;

var config = new TimeOfDayPolicyConfig
{
    MaintenanceWindows = [(2, 4)],
    PeakHours = (9, 17),
    CheapModels = ["gpt-3.5-turbo"],
    PremiumModels = ["gpt-4o"],
};
// One instance per pool, made from the pool's RotationPolicyOptions. (PoolDefinition.Policy takes a ready instance instead.)
RotationPolicies.Register(TimeOfDayRotationPolicy.PolicyId, options => new TimeOfDayRotationPolicy(options, config));

var day = new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);
var clock = new SettableTimeProvider(day.AddHours(10));
await using var local = await LocalEndpoint.StartAsync("local");
using var client = new MeshBuilder()
    .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("local", local.BaseUrl)))
    .AddModels(
        new ModelDefinition { Id = "local.gpt-3.5-turbo", ProviderId = "local", Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.0005m, 0.0015m) },
        new ModelDefinition { Id = "local.gpt-4o", ProviderId = "local", Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.0025m, 0.01m) })
    .AddPool(new PoolDefinition
    {
        Id = "chat",
        Capability = "chat-completion",
        Strategy = TimeOfDayRotationPolicy.PolicyId, // or its short name, "time-of-day"
        Rotation = new RotationPolicyOptions { FailureThreshold = 3, Cooldown = TimeSpan.FromMinutes(2) },
    })
    .UseTimeProvider(clock)
    .Build();

var request = new ChatCompletionRequest { Model = "chat", Messages = [ChatMessage.User("Hello!")] };
(DateTimeOffset At, string What)[] moments =
[
    (day.AddHours(10), "peak hours: premium models get +500"),
    (day.AddHours(20), "off-peak: cheap models get +500"),
    (day.AddDays(1).AddHours(3), "maintenance window 02:00-04:00: all but the cheap models are deactivated"),
    (day.AddDays(1).AddHours(4).AddMinutes(30), "after the window: the cooldown has passed, the inherited recovery brings the premium model back"),
];
foreach (var (at, what) in moments)
{
    clock.Set(at);
    Console.WriteLine($"=== {at:HH:mm} UTC, {what}");
    Console.WriteLine(SampleOutput.Format(client.Explain(request)));
    var reply = await client.Chat.Completions.CreateAsync(request);
    Console.WriteLine($"  reply: {reply.Choices[0].Message.Content}");
    Console.Write(client.Describe());
    Console.WriteLine();
}
