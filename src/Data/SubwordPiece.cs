namespace Seq2Seq.Data;

/// <summary>One BPE piece of a sentence: its byte-level string and the span of normalised text it comes from.</summary>
/// <param name="Value">the piece in the byte-level alphabet (e.g. <c>Ġhomme</c>), as the tokenizer and vocabularies
/// store it</param>
/// <param name="Start">the index of its first character in the normalised sentence</param>
/// <param name="Length">the number of UTF-16 characters it covers (the pieces that hold the bytes of one character
/// all report that character's span)</param>
public readonly record struct SubwordPiece(string Value, int Start, int Length)
{
    public int End => Start + Length;
}
