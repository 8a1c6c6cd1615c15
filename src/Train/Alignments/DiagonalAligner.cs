namespace Seq2Seq.Train.Alignments;

/// <summary>
/// The diagonal baseline: a reference point any learned aligner should beat. Target word j (1-based) is linked to
/// source word ⌊(j − ½)·|s|/|t|⌋ + 1, i.e. the source word under the centre of target word j when both sentences are
/// stretched to the same length. 0-based: target t ↦ source ⌊(2t + 1)·|s| / (2|t|)⌋, computed in integers.
/// </summary>
public static class DiagonalAligner
{
    /// <summary>One link per target word, in target order; no links when either sentence is empty.</summary>
    public static IReadOnlyList<AlignmentLink> Align(int sourceLength, int targetLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourceLength);
        ArgumentOutOfRangeException.ThrowIfNegative(targetLength);
        if (sourceLength == 0)
            return [];
        var links = new AlignmentLink[targetLength];
        for (int t = 0; t < targetLength; t++)
        {
            long source = (2L * t + 1) * sourceLength / (2L * targetLength);
            links[t] = new AlignmentLink((int)source, t);
        }
        return links;
    }
}
