namespace ModelMesh.Simulation;

/// <summary>How the built-in simulated provider (<see cref="SimulatedUpstream"/>) paces its answers.</summary>
public sealed class SimulatedOptions
{
    /// <summary>The default of <see cref="Pace"/>: 30 ms, about the speed a hosted model streams words.</summary>
    public static readonly TimeSpan DefaultPace = TimeSpan.FromMilliseconds(30);

    /// <summary>The largest <see cref="Pace"/>: 10 s.</summary>
    public static readonly TimeSpan MaxPace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The wait before each streamed word (or tool-call part). Zero streams as fast as the reader reads. Config key
    /// <c>pace</c> of a <c>modelmesh.simulated.v1</c> provider.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="MaxPace"/>.</exception>
    public TimeSpan Pace
    {
        get => _pace;
        init => _pace = value >= TimeSpan.Zero && value <= MaxPace
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"The simulated provider's Pace must be from 0 to {MaxPace.TotalSeconds:0} s.");
    }

    /// <summary>The clock that paces the stream and stamps <c>created</c>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    private readonly TimeSpan _pace = DefaultPace;
}
