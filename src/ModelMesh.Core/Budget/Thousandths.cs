namespace ModelMesh.Routing;

/// <summary>
/// Division by 1,000 of the decimals prices make (tokens times a price per 1,000), with the result
/// <c>x / 1000m</c> gives, value and scale alike, but without the general division, the slowest part of pricing a
/// request. The quotient is exact, so it is the dividend's digits at a larger scale with the fewest trailing zeros
/// the division keeps: it scales only as far as exactness needs (none when the digits end in 000).
/// </summary>
internal static class Thousandths
{
    public static decimal Of(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] != 0 || scale > 25)
        {
            return value / 1000m; // beyond 64 bits of digits or near the largest scale: the general division
        }
        var digits = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var negative = bits[3] < 0;
        if (digits % 1000 == 0)
        {
            digits /= 1000;
        }
        else if (digits % 100 == 0)
        {
            digits /= 100;
            scale += 1;
        }
        else if (digits % 10 == 0)
        {
            digits /= 10;
            scale += 2;
        }
        else
        {
            scale += 3;
        }
        return new decimal((int)digits, (int)(digits >> 32), 0, negative, (byte)scale);
    }
}
