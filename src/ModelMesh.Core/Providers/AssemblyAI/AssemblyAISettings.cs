using ModelMesh.Cdk;

namespace ModelMesh.Providers.AssemblyAI;

/// <summary>The connector's <c>config:</c> keys: how often and how many times a transcript is polled.</summary>
internal static class AssemblyAISettings
{
    public const string PollInterval = "poll_interval";
    public const string MaxPolls = "max_polls";

    public static TimeSpan PollIntervalOf(ConnectorSettings? settings) =>
        settings?.GetTimeSpan(PollInterval, TimeSpan.Zero, TimeSpan.FromMinutes(10)) ?? TimeSpan.FromSeconds(3);

    public static int MaxPollsOf(ConnectorSettings? settings) => settings?.GetInt32(MaxPolls, 1, 100_000) ?? 120;
}
