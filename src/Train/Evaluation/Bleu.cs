using Seq2Seq.Data;

namespace Seq2Seq.Train.Evaluation;

/// <summary>
/// Corpus BLEU (Papineni et al., 2002, "BLEU: a Method for Automatic Evaluation of Machine Translation") with
/// sacreBLEU 2.x's defaults (Post, 2018, "A Call for Clarity in Reporting BLEU Scores"): one reference, mixed case,
/// 13a tokenisation, n-grams up to 4, "exp" smoothing, no effective order.
/// </summary>
/// <remarks>
/// <para>For each segment (hypothesis and reference right-stripped, then <see cref="Tokenizer13a"/>): every hypothesis
/// n-gram count is clipped to its count in the reference; matches m_n, hypothesis n-grams t_n and lengths c (hypothesis
/// tokens), r (reference tokens) are summed over the corpus.</para>
/// <para>Precision p_n = 100·m_n/t_n. With "exp" smoothing (Chen &amp; Cherry 2014, method 3, as in mteval-v13a) the
/// k-th order with m_n = 0 instead gets p_n = 100/(2^k·t_n), k = 1, 2, …. If some t_n = 0 (fewer than n tokens in the
/// whole corpus), p_n and all higher orders stay 0 and BLEU is 0; if no n-gram of any order matches, BLEU is 0 and all
/// precisions are reported as 0.</para>
/// <para>BP = 1 if c ≥ r, e^(1 − r/c) if 0 &lt; c &lt; r, 0 if c = 0. BLEU = BP · exp(¼ Σ log p_n) (a precision of 0
/// contributes log = −9999999999, as in sacreBLEU, so the score is 0).</para>
/// </remarks>
public static class Bleu
{
    public const int MaxOrder = 4;

    /// <summary>sacreBLEU's stand-in for log(0).</summary>
    private const double LogOfZero = -9999999999;

    /// <summary>
    /// Corpus BLEU of detokenised hypotheses against one detokenised reference each.
    /// </summary>
    /// <exception cref="UserException">The lists differ in length, are empty, or a reference is empty (sacreBLEU
    /// rejects empty references). Line numbers in the message are 1-based.</exception>
    public static BleuResult Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references)
    {
        CorpusChecks.Validate(hypotheses, references);

        var matches = new int[MaxOrder];
        var totals = new int[MaxOrder];
        int hypothesisLength = 0, referenceLength = 0;
        for (int s = 0; s < hypotheses.Count; s++)
        {
            IReadOnlyList<string> hypothesis = Tokenizer13a.Tokenize(PythonWhitespace.TrimEnd(hypotheses[s]));
            IReadOnlyList<string> reference = Tokenizer13a.Tokenize(PythonWhitespace.TrimEnd(references[s]));
            hypothesisLength += hypothesis.Count;
            referenceLength += reference.Count;
            for (int n = 1; n <= MaxOrder; n++)
            {
                Dictionary<string, int> referenceCounts = CountNgrams(reference, n);
                foreach ((string ngram, int count) in CountNgrams(hypothesis, n))
                {
                    totals[n - 1] += count;
                    if (referenceCounts.TryGetValue(ngram, out int inReference))
                        matches[n - 1] += Math.Min(count, inReference);
                }
            }
        }

        return Compute(matches, totals, hypothesisLength, referenceLength);
    }

    /// <summary>The signature of <see cref="Corpus"/>'s settings.</summary>
    public static string Signature { get; } =
        $"nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:{MetricSignature.Version}";

    private static BleuResult Compute(int[] matches, int[] totals, int hypothesisLength, int referenceLength)
    {
        double brevityPenalty = hypothesisLength >= referenceLength ? 1.0
            : hypothesisLength > 0 ? Math.Exp(1 - (double)referenceLength / hypothesisLength)
            : 0.0;
        var precisions = new double[MaxOrder];
        if (matches.All(m => m == 0))
            return Result(0.0);

        double smoothing = 1.0;
        for (int n = 0; n < MaxOrder; n++)
        {
            if (totals[n] == 0)
                break;
            if (matches[n] == 0)
            {
                smoothing *= 2;
                precisions[n] = 100.0 / (smoothing * totals[n]);
            }
            else
            {
                precisions[n] = 100.0 * matches[n] / totals[n];
            }
        }

        double logSum = 0;
        foreach (double p in precisions)
            logSum += p == 0 ? LogOfZero : Math.Log(p);
        return Result(brevityPenalty * Math.Exp(logSum / MaxOrder));

        BleuResult Result(double score) => new(score, precisions, matches, totals, brevityPenalty, hypothesisLength,
            referenceLength, Signature);
    }

    private static Dictionary<string, int> CountNgrams(IReadOnlyList<string> tokens, int n)
    {
        // 13a tokens never contain whitespace, so a space-joined n-gram is unambiguous.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + n <= tokens.Count; i++)
        {
            string ngram = n == 1 ? tokens[i] : string.Join(' ', tokens.Skip(i).Take(n));
            counts[ngram] = counts.GetValueOrDefault(ngram) + 1;
        }
        return counts;
    }
}
