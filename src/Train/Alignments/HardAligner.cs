namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Hard word alignments from a soft (attention) matrix: each target word is linked to the source word it attends to
/// most, written like fairseq's <c>--print-alignment</c> (see <see cref="PharaohWriter"/>). A final source
/// <c>&lt;/s&gt;</c> (or null, see <see cref="SubwordMerger"/>) column is handled as <see cref="EosColumn"/> says; by
/// default in this toolkit (<see cref="EosColumn.LeavesUnaligned"/>) a word whose argmax is <c>&lt;/s&gt;</c> is left
/// unaligned, whereas fairseq excludes that column (<see cref="EosColumn.Excluded"/>). Ties go to the lowest source
/// index.
/// </summary>
public static class HardAligner
{
    /// <summary>The hard alignment of one sentence.</summary>
    /// <param name="weights">[tgtWords, srcWords], or [tgtWords, srcWords + 1] when <paramref name="eos"/> is not
    /// <see cref="EosColumn.Absent"/>.</param>
    /// <param name="eos">Whether the last column is <c>&lt;/s&gt;</c> and how it is treated.</param>
    /// <returns>Links (source, target), 0-based, in target order; at most one per target word.</returns>
    public static IReadOnlyList<AlignmentLink> Align(float[,] weights, EosColumn eos)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int targetWords = weights.GetLength(0);
        int sourceWords = eos == EosColumn.Absent ? weights.GetLength(1) : weights.GetLength(1) - 1;
        if (sourceWords < 0)
            throw new ArgumentException("a matrix with an </s> column needs at least that column", nameof(weights));
        int candidates = eos == EosColumn.LeavesUnaligned ? sourceWords + 1 : sourceWords;

        var links = new List<AlignmentLink>(targetWords);
        for (int t = 0; t < targetWords; t++)
        {
            int best = -1;
            float bestWeight = float.NegativeInfinity;
            for (int s = 0; s < candidates; s++)
            {
                if (weights[t, s] > bestWeight)
                {
                    best = s;
                    bestWeight = weights[t, s];
                }
            }
            if (best >= 0 && best < sourceWords)
                links.Add(new AlignmentLink(best, t));
        }
        return links;
    }
}
