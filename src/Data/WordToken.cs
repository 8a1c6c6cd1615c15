namespace Seq2Seq.Data;

/// <summary>A word of a sentence as <see cref="WordTokenizer"/> splits it, with its span in that sentence.</summary>
public readonly record struct WordToken(string Text, int Start, int Length)
{
    public int End => Start + Length;
}
