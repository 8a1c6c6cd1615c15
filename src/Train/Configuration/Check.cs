using System.Globalization;
using Seq2Seq.Data;

namespace Seq2Seq.Train.Configuration;

/// <summary>Range checks of configuration values, each failing with one line that names the key.</summary>
public static class Check
{
    public static void Positive(double value, string key)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new UserException($"{key}: expected a positive number, got {Format(value)}");
    }

    public static void AtLeast(double value, double minimum, string key)
    {
        if (!(value >= minimum) || double.IsInfinity(value))
            throw new UserException($"{key}: expected a number of at least {Format(minimum)}, got {Format(value)}");
    }

    public static void InRange(double value, double low, double high, string key, bool upperInclusive,
        bool lowerExclusive = false)
    {
        bool aboveLow = lowerExclusive ? value > low : value >= low;
        bool belowHigh = upperInclusive ? value <= high : value < high;
        if (!(aboveLow && belowHigh))
            throw new UserException(
                $"{key}: expected a number in {(lowerExclusive ? "(" : "[")}{Format(low)}, {Format(high)}{(upperInclusive ? "]" : ")")}, got {Format(value)}");
    }

    /// <summary>Fails unless <paramref name="value"/> is an integer from <paramref name="low"/> to
    /// <paramref name="high"/> inclusive.</summary>
    public static void Integer(int value, int low, int high, string key)
    {
        if (value < low || value > high)
            throw new UserException($"{key}: expected an integer from {low} to {high}, got {value}");
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
