using System.Threading.Channels;

namespace ModelMesh.Core.Tests.Configuration;

public sealed class ConfigurationFileWatcherTests : IDisposable
{
    // Generous: the machine is slow and shared; a passing run takes well under a second per step.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(50);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("modelmesh-watch-");
    private readonly Channel<ConfigurationReloadedEventArgs> _events = Channel.CreateUnbounded<ConfigurationReloadedEventArgs>();
    private readonly string _path;

    public ConfigurationFileWatcherTests()
    {
        _path = Path.Combine(_dir.FullName, "mesh.yaml");
        File.WriteAllText(_path, Config(3));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Config(int threshold) => ConfigTestSupport.Base + $"pools:\n  chat:\n    capability: chat-completion\n    failure_threshold: {threshold}\n";

    private ConfigurationFileWatcher StartWatcher(bool useFileSystemEvents = true)
    {
        var watcher = new ConfigurationFileWatcher(_path, ConfigTestSupport.Options(), Poll, Debounce, useFileSystemEvents);
        watcher.Reloaded += (_, e) => _events.Writer.TryWrite(e);
        watcher.Start();
        return watcher;
    }

    private async Task<ConfigurationReloadedEventArgs> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task An_edit_reloads_the_configuration()
    {
        using var watcher = StartWatcher();

        await File.WriteAllTextAsync(_path, Config(7));

        var reloaded = await NextAsync();
        Assert.True(reloaded.Succeeded);
        Assert.Equal(7, reloaded.Configuration!.Pools["chat"].FailureThreshold);
        Assert.Equal(_path, reloaded.Configuration.Location.Source);
    }

    [Fact]
    public async Task A_bad_edit_reports_the_error_and_watching_continues()
    {
        using var watcher = StartWatcher();

        await File.WriteAllTextAsync(_path, Config(0));
        var rejected = await NextAsync();
        Assert.False(rejected.Succeeded);
        Assert.Null(rejected.Configuration);
        Assert.Equal(_path, rejected.Error!.FilePath);
        Assert.Equal(11, rejected.Error.Line);
        Assert.Equal("pools.chat.failure_threshold", rejected.Error.KeyPath);

        await File.WriteAllTextAsync(_path, Config(4));
        var fixedUp = await NextAsync();
        Assert.True(fixedUp.Succeeded);
        Assert.Equal(4, fixedUp.Configuration!.Pools["chat"].FailureThreshold);
    }

    [Fact]
    public async Task Polling_alone_notices_changes()
    {
        using var watcher = StartWatcher(useFileSystemEvents: false);

        await File.WriteAllTextAsync(_path, Config(5));

        Assert.Equal(5, (await NextAsync()).Configuration!.Pools["chat"].FailureThreshold);
    }

    [Fact]
    public async Task Rewriting_the_same_content_raises_nothing()
    {
        using var watcher = StartWatcher();

        await File.WriteAllTextAsync(_path, Config(3));
        File.SetLastWriteTimeUtc(_path, DateTime.UtcNow.AddMinutes(1));
        // Then a real change: the first event must be that one.
        await Task.Delay(Poll * 4);
        await File.WriteAllTextAsync(_path, Config(6));

        Assert.Equal(6, (await NextAsync()).Configuration!.Pools["chat"].FailureThreshold);
        Assert.False(_events.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Deleting_the_file_is_reported_and_recreating_it_reloads()
    {
        using var watcher = StartWatcher();

        File.Delete(_path);
        var gone = await NextAsync();
        Assert.False(gone.Succeeded);
        Assert.Contains("does not exist", gone.Error!.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(_path, Config(9));
        Assert.Equal(9, (await NextAsync()).Configuration!.Pools["chat"].FailureThreshold);
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_the_watcher()
    {
        using var watcher = new ConfigurationFileWatcher(_path, ConfigTestSupport.Options(), Poll, Debounce);
        watcher.Reloaded += (_, _) => throw new InvalidOperationException("handler bug");
        watcher.Reloaded += (_, e) => _events.Writer.TryWrite(e);
        watcher.Start();

        await File.WriteAllTextAsync(_path, Config(2));
        await NextAsync();
        await File.WriteAllTextAsync(_path, Config(8));

        Assert.Equal(8, (await NextAsync()).Configuration!.Pools["chat"].FailureThreshold);
    }

    [Fact]
    public async Task Nothing_is_raised_after_dispose()
    {
        var watcher = StartWatcher();
        watcher.Dispose();

        await File.WriteAllTextAsync(_path, Config(5));
        await Task.Delay(Poll * 5);

        Assert.False(_events.Reader.TryRead(out _));
        Assert.Throws<ObjectDisposedException>(watcher.Start);
    }

    [Fact]
    public async Task A_load_that_throws_something_else_is_reported_and_watching_continues()
    {
        var options = new ConfigurationLoadOptions { Environment = name => name == "BOOM" ? throw new InvalidOperationException("environment unavailable") : null };
        using var watcher = new ConfigurationFileWatcher(_path, options, Poll, Debounce);
        watcher.Reloaded += (_, e) => _events.Writer.TryWrite(e);
        watcher.Start();

        // Written beside and renamed over, so no reload sees half of it.
        await File.WriteAllTextAsync(_path + ".new", Config(2) + "    session_header: ${env:BOOM}\n");
        File.Move(_path + ".new", _path, overwrite: true);
        var failed = await NextAsync();
        await File.WriteAllTextAsync(_path + ".new", Config(8));
        File.Move(_path + ".new", _path, overwrite: true);

        Assert.False(failed.Succeeded);
        Assert.Null(failed.Error);
        Assert.Equal("environment unavailable", Assert.IsType<InvalidOperationException>(failed.Exception).Message);
        Assert.Equal(8, (await NextAsync()).Configuration!.Pools["chat"].FailureThreshold);
    }
}
