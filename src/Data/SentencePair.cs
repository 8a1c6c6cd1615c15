namespace Seq2Seq.Data;

/// <summary>A normalised source sentence and its translation.</summary>
public sealed record SentencePair(string Source, string Target);
