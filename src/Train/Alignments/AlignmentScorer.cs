using Seq2Seq.Data;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Scores predicted word alignments against gold sure/possible links (Och &amp; Ney, 2003, "A Systematic Comparison of
/// Various Statistical Alignment Models", section 5): precision = |A∩P|/|A|, recall = |A∩S|/|S|,
/// AER = 1 − (|A∩S| + |A∩P|)/(|A| + |S|), with the counts summed over all sentences before dividing.
/// </summary>
public static class AlignmentScorer
{
    /// <summary>Scores <paramref name="predicted"/> (sentence by sentence, the <c>Sure</c> flag ignored) against
    /// <paramref name="gold"/>. Duplicate predicted links count once.</summary>
    /// <exception cref="UserException">The two lists hold different numbers of sentences.</exception>
    public static AlignmentScore Score(
        IReadOnlyList<IEnumerable<AlignmentLink>> predicted, IReadOnlyList<GoldAlignment> gold)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        if (predicted.Count != gold.Count)
            throw new UserException(
                $"{predicted.Count} predicted alignments but {gold.Count} gold alignments: expected one per sentence pair");

        int a = 0, s = 0, p = 0, aS = 0, aP = 0;
        for (int i = 0; i < gold.Count; i++)
        {
            var links = predicted[i].Select(l => (l.Source, l.Target)).ToHashSet();
            GoldAlignment reference = gold[i];
            a += links.Count;
            s += reference.Sure.Count;
            p += reference.Possible.Count;
            aS += links.Count(reference.Sure.Contains);
            aP += links.Count(reference.Possible.Contains);
        }
        return new AlignmentScore(gold.Count, a, s, p, aS, aP);
    }

    /// <summary>
    /// Agreement of two models' hard alignments: the AER of <paramref name="first"/> against
    /// <paramref name="second"/> taken as gold with S = P. With S = P, AER = 1 − 2|A∩B|/(|A| + |B|), which is
    /// symmetric; precision and recall swap when the arguments do.
    /// </summary>
    public static AlignmentScore Agreement(
        IReadOnlyList<IEnumerable<AlignmentLink>> first, IReadOnlyList<IEnumerable<AlignmentLink>> second)
    {
        ArgumentNullException.ThrowIfNull(second);
        return Score(first, second.Select(GoldAlignment.FromHard).ToArray());
    }
}
