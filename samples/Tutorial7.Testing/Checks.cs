using System.Diagnostics.CodeAnalysis;

namespace ModelMesh.Samples.Testing;

/// <summary>
/// The smallest test runner that does the job: each check runs with a time bound, prints <c>PASS name</c> or
/// <c>FAIL name: why</c>, and the process exit code says whether all passed. A real project puts the same bodies
/// in xunit (or any framework) tests; ModelMesh.Testing does not depend on one.
/// </summary>
internal sealed class Checks
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public async Task RunAsync(string name, Func<CancellationToken, Task> check)
    {
        using var timeout = new CancellationTokenSource(s_bound);
        try
        {
            await check(timeout.Token).WaitAsync(s_bound, timeout.Token);
            Passed++;
            Console.WriteLine($"PASS {name}");
        }
        catch (Exception e) when (e is CheckFailedException or TimeoutException or OperationCanceledException)
        {
            Failed++;
            Console.WriteLine($"FAIL {name}: {e.Message}");
        }
        catch (Exception e)
        {
            Failed++;
            Console.WriteLine($"FAIL {name}: unexpected {e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>Assertions that throw <see cref="CheckFailedException"/> with what was expected and what was found.</summary>
internal static class Expect
{
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new CheckFailedException($"{what}: expected {Show(expected)}, got {Show(actual)}");
        }
    }

    public static void True([DoesNotReturnIf(false)] bool condition, string what)
    {
        if (!condition)
        {
            throw new CheckFailedException(what);
        }
    }

    public static async Task<TException> ThrowsAsync<TException>(Func<Task> action, string what) where TException : Exception
    {
        try
        {
            await action();
        }
        catch (TException e)
        {
            return e;
        }
        catch (Exception e)
        {
            throw new CheckFailedException($"{what}: expected {typeof(TException).Name}, got {e.GetType().Name}: {e.Message}");
        }
        throw new CheckFailedException($"{what}: expected {typeof(TException).Name}, nothing was thrown");
    }

    private static string Show<T>(T value) => value is null ? "null" : $"'{value}'";
}

internal sealed class CheckFailedException(string message) : Exception(message);
