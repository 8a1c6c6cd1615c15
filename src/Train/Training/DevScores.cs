namespace Seq2Seq.Train.Training;

/// <summary>A model's scores on the dev split.</summary>
/// <param name="Loss">per-token cross-entropy of the references, without label smoothing</param>
/// <param name="Perplexity">e^Loss</param>
/// <param name="Bleu">corpus BLEU of greedy translations</param>
/// <param name="Chrf">chrF2 of greedy translations</param>
public sealed record DevScores(double Loss, double Perplexity, double Bleu, double Chrf)
{
    /// <summary>The score of a metric, oriented so that higher is better.</summary>
    public double Score(ValidationMetric metric) => metric switch
    {
        ValidationMetric.Bleu => Bleu,
        ValidationMetric.Chrf => Chrf,
        _ => -Loss,
    };
}
