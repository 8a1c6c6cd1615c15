namespace Seq2Seq.Train.Alignments;

/// <summary>Whether a word-level attention matrix ends with a source <c>&lt;/s&gt;</c> (or null) column, and what
/// <see cref="HardAligner"/> does when that column wins the argmax.</summary>
public enum EosColumn
{
    /// <summary>There is no such column: every column is a source word.</summary>
    Absent,

    /// <summary>The last column is <c>&lt;/s&gt;</c>; a target word whose argmax falls on it stays unaligned (the
    /// model put most of its attention on no word).</summary>
    LeavesUnaligned,

    /// <summary>The last column is <c>&lt;/s&gt;</c> and is ignored: the argmax runs over the word columns only, so
    /// every target word gets a link. This is what fairseq's <c>extract_hard_alignment</c> does (it sets the
    /// <c>&lt;/s&gt;</c> and padding columns to −∞).</summary>
    Excluded,
}
