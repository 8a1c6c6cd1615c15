using System.Globalization;

namespace Seq2Seq.Train.Evaluation;

/// <summary>
/// A corpus BLEU score with its sufficient statistics, as sacreBLEU's <c>BLEUScore</c> reports them.
/// </summary>
/// <param name="Score">BLEU on a 0–100 scale.</param>
/// <param name="Precisions">The n-gram precisions (n = 1..4) in percent, after smoothing.</param>
/// <param name="Matches">Clipped n-gram matches summed over the corpus (n = 1..4).</param>
/// <param name="Totals">Hypothesis n-grams summed over the corpus (n = 1..4).</param>
/// <param name="BrevityPenalty">1 when the hypotheses are not shorter than the references, else e^(1 − r/c).</param>
/// <param name="HypothesisLength">c: hypothesis tokens (13a) summed over the corpus.</param>
/// <param name="ReferenceLength">r: reference tokens (13a) summed over the corpus.</param>
/// <param name="Signature">sacreBLEU 2.x-style signature, e.g.
/// <c>nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:seq2seq-1.0.0</c>.</param>
public sealed record BleuResult(
    double Score,
    IReadOnlyList<double> Precisions,
    IReadOnlyList<int> Matches,
    IReadOnlyList<int> Totals,
    double BrevityPenalty,
    int HypothesisLength,
    int ReferenceLength,
    string Signature)
{
    /// <summary>c / r (0 when there are no reference tokens).</summary>
    public double Ratio => ReferenceLength == 0 ? 0 : (double)HypothesisLength / ReferenceLength;

    /// <summary>
    /// sacreBLEU's line, e.g. <c>BLEU = 34.21 65.3/40.1/27.2/19.0 (BP = 1.000 ratio = 1.012 hyp_len = 506 ref_len = 500)</c>.
    /// </summary>
    public override string ToString() => $"BLEU = {Body()}";

    /// <summary>The line with the signature after the name, as sacreBLEU's text output: <c>BLEU|nrefs:1|… = 34.21 …</c>.</summary>
    public string ToStringWithSignature() => $"BLEU|{Signature} = {Body()}";

    private string Body()
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string precisions = string.Join("/", Precisions.Select(p => p.ToString("F1", c)));
        return string.Create(c,
            $"{Score:F2} {precisions} (BP = {BrevityPenalty:F3} ratio = {Ratio:F3} hyp_len = {HypothesisLength} ref_len = {ReferenceLength})");
    }
}
