namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Alignment quality against a gold standard, from link counts summed over all sentences (micro-average, the standard
/// practice for AER): A = predicted links, S = sure gold links, P = possible gold links (P ⊇ S).
/// </summary>
/// <param name="Sentences">Sentence pairs scored.</param>
/// <param name="Predicted">|A|.</param>
/// <param name="Sure">|S|.</param>
/// <param name="Possible">|P| (sure links included).</param>
/// <param name="PredictedSure">|A ∩ S|.</param>
/// <param name="PredictedPossible">|A ∩ P|.</param>
public sealed record AlignmentScore(
    int Sentences, int Predicted, int Sure, int Possible, int PredictedSure, int PredictedPossible)
{
    /// <summary>Precision in percent: 100·|A∩P|/|A| (NaN when nothing is predicted).</summary>
    public double Precision => Percent(PredictedPossible, Predicted);

    /// <summary>Recall in percent: 100·|A∩S|/|S| (NaN when the gold has no sure link).</summary>
    public double Recall => Percent(PredictedSure, Sure);

    /// <summary>Alignment error rate in percent: 100·(1 − (|A∩S| + |A∩P|)/(|A| + |S|)) (NaN when |A| + |S| = 0).</summary>
    public double Aer => Predicted + Sure == 0
        ? double.NaN
        : 100.0 * (1.0 - (double)(PredictedSure + PredictedPossible) / (Predicted + Sure));

    private static double Percent(int part, int whole) => whole == 0 ? double.NaN : 100.0 * part / whole;
}
