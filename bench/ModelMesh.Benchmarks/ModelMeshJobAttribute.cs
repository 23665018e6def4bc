using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ModelMesh.Benchmarks;

/// <summary>
/// <c>[SimpleJob]</c> for classes that carry their own job, except in a short run (<see cref="BenchmarkMode"/>),
/// where it adds none: a job from an attribute is added to the command line's, so the short run's one in-process
/// iteration would otherwise come with a full out-of-process job.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ModelMeshJobAttribute : Attribute, IConfigSource
{
    /// <summary>A job of one launch with the given warm-up and measured iterations.</summary>
    public ModelMeshJobAttribute(int warmupCount, int iterationCount, string id)
    {
        var config = ManualConfig.CreateEmpty();
        if (!BenchmarkMode.Short)
        {
            config.AddJob(new Job(id) { Run = { LaunchCount = 1, WarmupCount = warmupCount, IterationCount = iterationCount } });
        }
        Config = config;
    }

    /// <inheritdoc />
    public IConfig Config { get; }
}
