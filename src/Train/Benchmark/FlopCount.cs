namespace Seq2Seq.Train.Benchmark;

/// <summary>
/// Analytic multiply-accumulate counts of the benchmark models' forward pass per sentence (SPEC §5); training costs
/// three forward passes, 6 FLOPs per MAC.
/// </summary>
public static class FlopCount
{
    /// <param name="ls">source length with &lt;/s&gt;</param>
    /// <param name="lt">predicted target tokens</param>
    public static double RnnMacs(double ls, double lt, double e = 256, double h = 256, double a = 256, double v = 8000) =>
        ls * (2 * 4 * h * (e + h) + 2 * h * a) + 2 * (2 * h * h)
        + lt * (a * h + ls * a + ls * 2 * h + 4 * h * (e + 3 * h) + 3 * h * h + h * v);

    public static double TransformerMacs(double ls, double lt, double d = 256, double f = 1024, double n = 3,
        double v = 8000) =>
        n * ls * (4 * d * d + 2 * d * f + 2 * ls * d)
        + n * (lt * (6 * d * d + 2 * d * f) + d * lt * (lt + 1) + 2 * lt * ls * d + 2 * ls * d * d)
        + lt * d * v;

    /// <summary>Training FLOPs per predicted token over the pool: 6 Σ macs / Σ tokens.</summary>
    public static double TrainingFlopsPerToken(IEnumerable<(int Source, int Target)> sentences,
        Func<double, double, double> macs)
    {
        double total = 0, tokens = 0;
        foreach (var (source, target) in sentences)
        {
            total += macs(source, target);
            tokens += target;
        }
        return 6 * total / tokens;
    }
}
