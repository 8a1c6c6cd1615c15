namespace Seq2Seq.Train.Alignments;

/// <summary>What <see cref="SubwordMerger"/> does with source pieces that belong to no word (mapped to −1).</summary>
public enum SourceSpecialPieces
{
    /// <summary>Their columns are dropped: the word matrix is [tgtWords, srcWords].</summary>
    Drop,

    /// <summary>
    /// Their columns are summed into one final "null" column: the word matrix is [tgtWords, srcWords + 1], the last
    /// column holding the attention mass not spent on any word (e.g. on <c>&lt;/s&gt;</c>). Pass it to
    /// <see cref="HardAligner.Align"/> with <see cref="EosColumn.LeavesUnaligned"/> (such target words stay unaligned) or
    /// <see cref="EosColumn.Excluded"/>.
    /// </summary>
    NullColumn,
}
