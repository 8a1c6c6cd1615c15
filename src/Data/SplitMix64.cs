namespace Seq2Seq.Data;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a tiny generator whose whole state is one 64-bit word, so it is
/// reproducible across languages bit for bit and trivially saved in a checkpoint.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    public ulong State { get; set; } = seed;

    public ulong Next()
    {
        unchecked
        {
            State += 0x9E3779B97F4A7C15;
            ulong z = State;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    /// <summary>An integer in [0, n): <c>Next() mod n</c> (with its tiny modulo bias).</summary>
    public int Below(int n) => (int)(Next() % (ulong)n);

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
