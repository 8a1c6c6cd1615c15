using System.Text;

namespace Seq2Seq.Train.Evaluation;

/// <summary>
/// Corpus chrF (Popović, 2015, "chrF: character n-gram F-score for automatic MT evaluation") with sacreBLEU 2.x's
/// defaults: character n-grams n = 1..6, no word n-grams, β = 2, whitespace removed, case kept, effective-order
/// averaging (<c>eps_smoothing=False</c>).
/// </summary>
/// <remarks>
/// <para>Each segment has its whitespace removed (Python's <c>"".join(s.split())</c>); n-grams are taken over Unicode
/// code points, not UTF-16 units. Per order n: hypothesis n-grams (counted as 0 when the reference has no n-gram of
/// that order), reference n-grams and clipped matches are summed over the corpus.</para>
/// <para>Then, exactly as sacreBLEU: the effective orders are those with hypothesis and reference counts &gt; 0;
/// P = mean of matches/hyp and R = mean of matches/ref over the effective orders; chrF = 100·(1+β²)·P·R/(β²·P + R),
/// 0 when P + R = 0 or no order is effective. Note that it is the <em>precisions and recalls</em> that are averaged
/// over orders before one F-score is taken; averaging per-order F-scores is the other variant (sacreBLEU's
/// <c>eps_smoothing=True</c>, chrF++.py), not the default.</para>
/// </remarks>
public static class Chrf
{
    public const int CharOrder = 6;
    public const int Beta = 2;

    /// <summary>The signature of <see cref="Corpus"/>'s settings.</summary>
    public static string Signature { get; } =
        $"nrefs:1|case:mixed|eff:yes|nc:{CharOrder}|nw:0|space:no|version:{MetricSignature.Version}";

    /// <summary>Corpus chrF of hypotheses against one reference each.</summary>
    /// <exception cref="Seq2Seq.Data.UserException">The lists differ in length, are empty, or a reference is empty.</exception>
    public static ChrfResult Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references)
    {
        CorpusChecks.Validate(hypotheses, references);

        var hyp = new int[CharOrder];
        var reference = new int[CharOrder];
        var matches = new int[CharOrder];
        for (int s = 0; s < hypotheses.Count; s++)
        {
            string[] hypothesisChars = CodePoints(hypotheses[s]);
            string[] referenceChars = CodePoints(references[s]);
            for (int n = 1; n <= CharOrder; n++)
            {
                Dictionary<string, int> referenceCounts = CountNgrams(referenceChars, n);
                int hypothesisCount = 0;
                foreach ((string ngram, int count) in CountNgrams(hypothesisChars, n))
                {
                    hypothesisCount += count;
                    if (referenceCounts.TryGetValue(ngram, out int inReference))
                        matches[n - 1] += Math.Min(count, inReference);
                }
                // sacreBLEU: "don't count hits if no reference exists for that n-gram order".
                hyp[n - 1] += referenceCounts.Count > 0 ? hypothesisCount : 0;
                reference[n - 1] += referenceCounts.Values.Sum();
            }
        }

        return Compute(hyp, reference, matches);
    }

    private static ChrfResult Compute(int[] hyp, int[] reference, int[] matches)
    {
        double precision = 0, recall = 0;
        int effectiveOrder = 0;
        var orders = new ChrfOrderStatistics[CharOrder];
        for (int i = 0; i < CharOrder; i++)
        {
            orders[i] = new ChrfOrderStatistics(i + 1, hyp[i], reference[i], matches[i]);
            if (hyp[i] > 0 && reference[i] > 0)
            {
                precision += (double)matches[i] / hyp[i];
                recall += (double)matches[i] / reference[i];
                effectiveOrder++;
            }
        }

        if (effectiveOrder > 0)
        {
            precision /= effectiveOrder;
            recall /= effectiveOrder;
        }

        const double factor = Beta * Beta;
        double score = precision + recall == 0
            ? 0.0
            : 100 * ((1 + factor) * precision * recall / (factor * precision + recall));
        return new ChrfResult(score, Beta, orders, precision, recall, Signature);
    }

    /// <summary>The code points of the text with all (Python) whitespace removed, each as a string.</summary>
    private static string[] CodePoints(string text)
    {
        string joined = string.Concat(PythonWhitespace.Split(text));
        return joined.EnumerateRunes().Select(r => r.ToString()).ToArray();
    }

    private static Dictionary<string, int> CountNgrams(string[] chars, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var ngram = new StringBuilder();
        for (int i = 0; i + n <= chars.Length; i++)
        {
            ngram.Clear();
            for (int k = i; k < i + n; k++)
                ngram.Append(chars[k]);
            string key = ngram.ToString();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }
}
