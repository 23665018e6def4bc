using ModelMesh.Routing;
using Xunit;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>The window's mean is kept as values arrive; it must equal the mean of the newest values, recomputed.</summary>
public sealed class RollingWindowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(256)]
    [InlineData(1000)]
    public void The_kept_mean_is_the_mean_of_the_newest_values(int window)
    {
        var values = new RollingWindow(256);
        var all = new List<double>();
        var random = new Random(7);
        Assert.Null(values.Mean(window));
        for (var i = 0; i < 1200; i++)
        {
            var value = Math.Round(random.NextDouble() * 1000, 3);
            values.Add(value);
            all.Add(value);
            if (i == 600)
            {
                values.Clear();
                all.Clear();
                continue;
            }
            // Read every few values, so several arrive between reads, as between routing decisions.
            if (i % 3 == 0)
            {
                var newest = all.Skip(Math.Max(0, all.Count - Math.Min(window, 256))).ToArray();
                Assert.Equal(newest.Average(), values.Mean(window)!.Value, 1e-6);
                Assert.Equal(newest.Average(), values.Mean(window)!.Value, 1e-6);
            }
        }
    }
}
