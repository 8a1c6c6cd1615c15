namespace Seq2Seq.Train.Alignments;

/// <summary>How <see cref="AlignmentComparison.Run"/> reads, scores and exports attention.</summary>
public sealed record ComparisonOptions
{
    /// <summary>The words sentences and gold links are counted in.</summary>
    public WordTokenization Tokenization { get; init; } = WordTokenization.Words;

    /// <summary>How many test pairs, from the first, get their matrices exported and heatmaps drawn.</summary>
    public int Figures { get; init; } = 12;

    /// <summary>Pairs per forward pass.</summary>
    public int BatchSentences { get; init; } = 32;

    /// <summary>How error messages name the test pairs (e.g. the source file); pairs are numbered from 1.</summary>
    public string TestName { get; init; } = "test";

    /// <summary>How error messages name the dev pairs.</summary>
    public string DevName { get; init; } = "dev";

    /// <summary>How messages and the summary name the test gold (e.g. its file); lines are numbered from 1.</summary>
    public string TestGoldName { get; init; } = "test gold";

    /// <summary>How messages and the summary name the dev gold.</summary>
    public string DevGoldName { get; init; } = "dev gold";

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Figures, nameof(Figures));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSentences, nameof(BatchSentences));
    }
}
