namespace Seq2Seq.Decoding;

/// <summary>The length penalty of Wu et al. 2016 (GNMT, §7): <c>lp(Y) = ((5 + |Y|) / 6)^α</c>.</summary>
public static class LengthPenalty
{
    /// <param name="length">the hypothesis length, &lt;/s&gt; included</param>
    /// <param name="alpha">α; 0 gives 1 (no normalisation)</param>
    public static double Of(int length, double alpha) => Math.Pow((5.0 + length) / 6.0, alpha);
}
