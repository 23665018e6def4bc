using ModelMesh.Routing;
using Xunit;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>Pricing's division by 1,000 gives what <c>x / 1000m</c> gives, digits and scale (so costs print the same).</summary>
public sealed class ThousandthsTests
{
    [Fact]
    public void Matches_the_general_division_bit_for_bit()
    {
        var random = new Random(1234);
        var values = new List<decimal> { 0m, 0.000m, 1m, -1m, 1000m, 0.00600m, 0.0015m, 250m, 125m, 8m, 40m, 500m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 1.0000000000000000000000001m };
        for (var i = 0; i < 20_000; i++)
        {
            // Tokens times a price with any scale and any number of trailing zeros, as pricing makes them.
            var price = new decimal(random.Next(0, 100_000) * (int)Math.Pow(10, random.Next(0, 4)), 0, 0, false, (byte)random.Next(0, 12));
            values.Add(random.Next(0, 2_000_000) * price);
            values.Add(-(random.NextInt64(0, long.MaxValue) * new decimal(1, 0, 0, false, (byte)random.Next(0, 29))));
        }
        foreach (var value in values)
        {
            Assert.Equal(decimal.GetBits(value / 1000m), decimal.GetBits(Thousandths.Of(value)));
        }
    }
}
