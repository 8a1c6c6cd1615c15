namespace Seq2Seq.Data;

/// <summary>The pairs read from one corpus source, normalised, with the empty ones already skipped.</summary>
/// <param name="Pairs">the pairs whose source and target are both non-empty after normalisation, in file order</param>
/// <param name="LinesRead">the number of lines (pairs) in the file(s)</param>
/// <param name="EmptySkipped">the number of pairs skipped because the source or the target was empty</param>
public sealed record CorpusReadResult(IReadOnlyList<SentencePair> Pairs, int LinesRead, int EmptySkipped);
