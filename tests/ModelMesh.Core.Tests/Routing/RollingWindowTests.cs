using ModelMesh.Routing;

namespace ModelMesh.Core.Tests.Routing;

public sealed class RollingWindowTests
{
    [Fact]
    public void Mean_and_p95_cover_only_the_newest_values_of_the_window()
    {
        var window = new RollingWindow(4);
        Assert.Null(window.Mean(10));
        foreach (var value in new double[] { 100, 1, 2, 3, 4 }) // 100 falls out of a capacity of 4
        {
            window.Add(value);
        }

        Assert.Equal(2.5, window.Mean(10));
        Assert.Equal(3.5, window.Mean(2));
        Assert.Equal(4, window.P95(10));
        Assert.Equal(4, window.Count);
    }

    [Fact]
    public void A_new_value_or_a_clear_invalidates_the_cached_statistics()
    {
        var window = new RollingWindow(8);
        window.Add(1);
        Assert.Equal(1, window.Mean(8));

        window.Add(3);
        Assert.Equal(2, window.Mean(8));
        Assert.Equal(3, window.P95(8));

        window.Clear();
        Assert.Null(window.P95(8));
    }

    [Fact]
    public void The_p95_of_twenty_values_is_the_nineteenth_smallest()
    {
        var window = new RollingWindow(50);
        for (var i = 20; i >= 1; i--)
        {
            window.Add(i);
        }

        Assert.Equal(19, window.P95(50));
    }

    // The mean is kept as values arrive; it must equal the mean of the newest values, recomputed.
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
