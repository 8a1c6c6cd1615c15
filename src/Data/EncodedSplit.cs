namespace Seq2Seq.Data;

/// <summary>A split ready for batching: its pairs and their model ids (without special tokens).</summary>
public sealed class EncodedSplit
{
    /// <summary>train, dev or test.</summary>
    public required string Name { get; init; }

    /// <summary>The normalised pairs, in file order.</summary>
    public required IReadOnlyList<SentencePair> Pairs { get; init; }

    /// <summary>The source ids of each pair, without special tokens.</summary>
    public required IReadOnlyList<int[]> SourceIds { get; init; }

    /// <summary>The target ids of each pair, without special tokens.</summary>
    public required IReadOnlyList<int[]> TargetIds { get; init; }

    public int Count => Pairs.Count;

    /// <summary>A sampler over this split's lengths.</summary>
    public BatchSampler Sampler(BatchSize size, int seed) =>
        new([.. SourceIds.Select(ids => ids.Length)], [.. TargetIds.Select(ids => ids.Length)], size, seed);

    /// <summary>The batch of the given pairs of this split.</summary>
    public Batch Batch(IReadOnlyList<int> pairIndices) => BatchBuilder.Build(pairIndices, SourceIds, TargetIds);
}
