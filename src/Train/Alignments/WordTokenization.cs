using Seq2Seq.Data;

namespace Seq2Seq.Train.Alignments;

/// <summary>Which words a sentence is scored in: the words the gold alignment's indices count.</summary>
public enum WordTokenization
{
    /// <summary><see cref="WordTokenizer"/>: whitespace, then punctuation and French elision split off (the sample
    /// corpus's gold alignments).</summary>
    Words,

    /// <summary>The whitespace-separated tokens of the text as given (already tokenised corpora such as the WPT03
    /// Hansards files).</summary>
    Whitespace,
}
