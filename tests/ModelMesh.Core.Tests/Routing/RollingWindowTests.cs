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
}
