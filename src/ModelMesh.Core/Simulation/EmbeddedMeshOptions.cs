namespace ModelMesh.Simulation;

/// <summary>How <see cref="EmbeddedMesh.Create"/> builds the mesh a host runs on when it has no configuration file.</summary>
public sealed record EmbeddedMeshOptions
{
    /// <summary>Reads environment variables; default <see cref="System.Environment.GetEnvironmentVariable(string)"/>. Tests substitute their own.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>The simulated provider's wait before each streamed word (used only when it is served). Default 30 ms; 0 to 10 s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="SimulatedOptions.MaxPace"/>.</exception>
    public TimeSpan Pace
    {
        get => _pace;
        init => _pace = value >= TimeSpan.Zero && value <= SimulatedOptions.MaxPace
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Pace must be from 0 to {SimulatedOptions.MaxPace.TotalSeconds:0} s.");
    }

    /// <summary>The clock of the mesh and of the simulated provider's pace. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the mesh logs routing, health and budget events (category <c>ModelMesh</c>); null for none.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Whether message content may reach logs and spans: the prompt and answer of chat calls (log events 1004 and
    /// 1005 at trace level, the request span's <c>gen_ai.input.messages</c> / <c>gen_ai.output.messages</c>).
    /// Default false: no message content is ever logged, traced or measured.
    /// </summary>
    public bool LogContent { get; init; }

    /// <summary>Creates the mesh's meter (<c>ModelMesh</c>), for example the container's; null for a meter of the mesh's own.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; init; }

    /// <summary>The rotation strategy of every pool: an id (<see cref="RotationStrategies"/>) or short name. Default stick-until-failure.</summary>
    public string Strategy { get; init; } = RotationStrategies.StickUntilFailure;

    private readonly TimeSpan _pace = SimulatedOptions.DefaultPace;
}
