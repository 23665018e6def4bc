using ModelMesh.Configuration;

namespace ModelMesh;

/// <summary>
/// Watches one configuration file and reloads it, with the same <see cref="ConfigurationLoadOptions"/>, whenever
/// its content changes, raising <see cref="Reloaded"/> with the new <see cref="MeshConfiguration"/> or the
/// <see cref="ConfigurationException"/> that rejected the edit. A bad edit does not stop the watching; keeping the
/// last good configuration in force is the consumer's job.
/// </summary>
/// <remarks>
/// Change notifications come from a <see cref="FileSystemWatcher"/> and, because those are unreliable on network
/// drives, containers and editors that replace files, also from polling the content hash. Bursts of notifications
/// (an editor writing in several steps) are coalesced by a debounce delay, and a change that leaves the content
/// as it was (a touch) raises nothing. Reading the file and loading it (secret lookups included) are awaited, never
/// waited on, so a secret store that completes asynchronously works and no thread is held meanwhile.
/// <see cref="Reloaded"/> runs on a thread-pool thread, one reload at a time; an exception thrown by a handler is
/// swallowed so the other handlers and the watching go on.
/// </remarks>
public sealed class ConfigurationFileWatcher : IDisposable
{
    /// <summary>The default time between polls: 2 s.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The default quiet time after a change before the file is read: 200 ms.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(200);

    private readonly ConfigurationLoadOptions? _options;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _debounce;
    private readonly bool _useFileSystemEvents;
    private readonly object _gate = new(); // timers, watcher, disposal
    private readonly ReloadQueue _reloads;  // one reload at a time; handlers run inside it
    private readonly CancellationToken _stopping;
    private Timer? _pollTimer;
    private Timer? _debounceTimer;
    private FileSystemWatcher? _watcher;
    private byte[]? _lastHash;       // content of the last reload (or the baseline); read and written by reloads only
    private byte[]? _lastPolledHash; // content the poll saw last, so each change is signalled once
    private int _polling;            // 1 while a poll is reading, so slow reads do not pile up
    private bool _started;
    private volatile bool _disposed;

    /// <summary>Creates a watcher; call <see cref="Start"/> after subscribing to <see cref="Reloaded"/>.</summary>
    /// <param name="path">The configuration file.</param>
    /// <param name="options">The options every reload uses (the same ones the first load used).</param>
    /// <param name="pollInterval">Time between content checks; default <see cref="DefaultPollInterval"/>.</param>
    /// <param name="debounce">Quiet time after a change before reading; default <see cref="DefaultDebounce"/>.</param>
    public ConfigurationFileWatcher(string path, ConfigurationLoadOptions? options = null, TimeSpan? pollInterval = null, TimeSpan? debounce = null)
        : this(path, options, pollInterval, debounce, useFileSystemEvents: true)
    {
    }

    /// <summary>Creates a watcher that may do without file-system events (tests of the polling fallback).</summary>
    internal ConfigurationFileWatcher(string path, ConfigurationLoadOptions? options, TimeSpan? pollInterval, TimeSpan? debounce, bool useFileSystemEvents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _options = options;
        _pollInterval = pollInterval ?? DefaultPollInterval;
        _debounce = debounce ?? DefaultDebounce;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_pollInterval, TimeSpan.Zero, nameof(pollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(_debounce, TimeSpan.Zero, nameof(debounce));
        _useFileSystemEvents = useFileSystemEvents;
        _reloads = new ReloadQueue(ReloadAsync);
        _stopping = _reloads.Stopping;
    }

    /// <summary>Raised after each reload caused by a change of content.</summary>
    public event EventHandler<ConfigurationReloadedEventArgs>? Reloaded;

    /// <summary>The watched file (full path).</summary>
    public string Path { get; }

    /// <summary>
    /// Starts watching. The content present now is the baseline: only later changes raise <see cref="Reloaded"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The watcher is disposed.</exception>
    public void Start()
    {
        byte[]? baseline;
        try
        {
            baseline = ConfigurationFile.Hash(ConfigurationFile.Read(Path, MeshConfiguration.MaxBytes(_options)));
        }
        catch (ConfigurationException)
        {
            baseline = null; // missing, unreadable or too large: the first readable content counts as a change
        }
        StartFrom(baseline);
    }

    /// <summary>Starts watching from the content already loaded (its hash), so an edit made since is not missed.</summary>
    internal void StartFrom(byte[]? baselineHash)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }
            _started = true;
            _lastHash = baselineHash;
            _lastPolledHash = baselineHash;
            _debounceTimer = new Timer(_ => _reloads.Enqueue(), null, Timeout.Infinite, Timeout.Infinite);
            _pollTimer = new Timer(_ => _ = PollAsync(), null, _pollInterval, _pollInterval);
            if (_useFileSystemEvents)
            {
                _watcher = TryWatch();
            }
        }
    }

    /// <summary>
    /// Stops watching. A reload in progress is cancelled and has ended when this returns (unless this is called from
    /// a <see cref="Reloaded"/> handler), so nothing is raised afterwards.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _watcher?.Dispose();
            _pollTimer?.Dispose();
            _debounceTimer?.Dispose();
        }
        _reloads.Dispose();
    }

    private FileSystemWatcher? TryWatch()
    {
        try
        {
            var watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => Signal();
            watcher.Created += (_, _) => Signal();
            watcher.Deleted += (_, _) => Signal();
            watcher.Renamed += (_, _) => Signal();
            watcher.Error += (_, _) => Signal(); // a lost event buffer: look at the file rather than trust the events
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            return null; // no events here (missing directory, inotify limit): polling still notices changes
        }
    }

    // Each change (re)starts the debounce, so a burst of writes gives one reload after the burst.
    private void Signal()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _debounceTimer?.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private async Task PollAsync()
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return; // the previous poll is still reading
        }
        try
        {
            var content = await ConfigurationFile.TryReadAsync(Path, MeshConfiguration.MaxBytes(_options), _stopping).ConfigureAwait(false);
            var hash = content is null ? null : ConfigurationFile.Hash(content);
            bool changed;
            lock (_gate)
            {
                changed = !SameHash(hash, _lastPolledHash);
                _lastPolledHash = hash;
            }
            if (changed)
            {
                Signal();
            }
        }
        catch (OperationCanceledException)
        {
            // disposed while reading
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        ConfigurationReloadedEventArgs outcome;
        var content = await ConfigurationFile.TryReadAsync(Path, MeshConfiguration.MaxBytes(_options), cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            if (_lastHash is null)
            {
                return; // still missing: already reported
            }
            _lastHash = null;
            outcome = new ConfigurationReloadedEventArgs(new ConfigurationException(
                "The configuration file does not exist (deleted or being replaced); the last good configuration stays in force.",
                ConfigLocation.Root(Path)));
        }
        else
        {
            var hash = ConfigurationFile.Hash(content);
            if (SameHash(hash, _lastHash))
            {
                return; // touched, or changed and changed back: nothing to reload
            }
            _lastHash = hash;
            outcome = await LoadAsync(content, cancellationToken).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested(); // disposed meanwhile: raise nothing
        Raise(outcome);
    }

    private async Task<ConfigurationReloadedEventArgs> LoadAsync(byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            return new ConfigurationReloadedEventArgs(await MeshConfiguration.ParseAsync(ConfigurationFile.Decode(content, Path), Path, _options, cancellationToken).ConfigureAwait(false));
        }
        catch (ConfigurationException ex)
        {
            return new ConfigurationReloadedEventArgs(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ConfigurationReloadedEventArgs(ex); // a failure of a part the load uses (a custom secret store)
        }
    }

    // Each handler separately, so one that throws neither stops the others nor the watching.
    private void Raise(ConfigurationReloadedEventArgs outcome)
    {
        foreach (var handler in Reloaded?.GetInvocationList() ?? [])
        {
            try
            {
                ((EventHandler<ConfigurationReloadedEventArgs>)handler)(this, outcome);
            }
#pragma warning disable CA1031 // there is no caller to report a handler's failure to
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private static bool SameHash(byte[]? a, byte[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
