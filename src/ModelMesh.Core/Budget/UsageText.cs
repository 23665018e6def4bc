using System.Globalization;

namespace ModelMesh;

/// <summary>The figures of usage and budget as text (their ToString), the same in every culture.</summary>
internal static class UsageText
{
    /// <summary>Dollars with two decimals and every further significant digit: a request often costs a fraction of a cent.</summary>
    public static string Money(decimal dollars) =>
        "$" + dollars.ToString("0.00##########################", CultureInfo.InvariantCulture);

    /// <summary>"1 request", "2 requests".</summary>
    public static string Count(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
