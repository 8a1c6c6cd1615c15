namespace Seq2Seq.Data;

/// <summary>A sentence split into BPE pieces.</summary>
/// <param name="Text">the normalised sentence the piece spans refer to</param>
/// <param name="Pieces">the pieces in order</param>
public sealed record EncodedSentence(string Text, IReadOnlyList<SubwordPiece> Pieces);
