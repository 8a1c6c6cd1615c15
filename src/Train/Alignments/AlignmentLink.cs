namespace Seq2Seq.Train.Alignments;

/// <summary>
/// One word-alignment link between source word <paramref name="Source"/> and target word <paramref name="Target"/>,
/// both 0-based positions in the whitespace-tokenised sentences.
/// </summary>
/// <param name="Source">0-based source word index.</param>
/// <param name="Target">0-based target word index.</param>
/// <param name="Sure">In a gold standard (Och &amp; Ney, 2003): true for a sure (S) link, false for a possible-only
/// (P) link. Predicted (hard) alignments use true; the scorer ignores the flag on predictions.</param>
public readonly record struct AlignmentLink(int Source, int Target, bool Sure = true);
