namespace Seq2Seq.Data;

/// <summary>
/// How to prepare a corpus (the <c>data</c> section of a training configuration, and the <c>prepare</c> command's
/// options). Dev and test sets come either from their own files (<see cref="Dev"/>, <see cref="Test"/>) or are
/// carved out of the training corpus (<see cref="DevSize"/>, <see cref="TestSize"/>, <see cref="SplitSeed"/>).
/// </summary>
public sealed record DataOptions
{
    public const int DefaultSplitSeed = 1234;
    public const int DefaultMerges = 8000;
    public const int DefaultMinFrequency = 1;
    public const int DefaultMaxLength = 100;

    /// <summary>The training corpus.</summary>
    public required CorpusSource Train { get; init; }

    /// <summary>The development corpus, read whole (no length filter); null when carved or absent.</summary>
    public CorpusSource? Dev { get; init; }

    /// <summary>The test corpus, read whole (no length filter); null when carved or absent.</summary>
    public CorpusSource? Test { get; init; }

    /// <summary>The number of dev pairs to carve out of the training corpus (0: none).</summary>
    public int DevSize { get; init; }

    /// <summary>The number of test pairs to carve out of the training corpus (0: none).</summary>
    public int TestSize { get; init; }

    /// <summary>The seed of the draw that carves dev and test pairs.</summary>
    public int SplitSeed { get; init; } = DefaultSplitSeed;

    /// <summary>The number of BPE merges to learn (per model when separate).</summary>
    public int Merges { get; init; } = DefaultMerges;

    /// <summary>One BPE model learned on source and target text together (true), or one per side (false).</summary>
    public bool Joint { get; init; } = true;

    /// <summary>The minimum number of occurrences in the training split for a piece to enter a vocabulary.</summary>
    public int MinFrequency { get; init; } = DefaultMinFrequency;

    /// <summary>Training pairs with a side longer than this many BPE pieces (without &lt;s&gt;/&lt;/s&gt;) are
    /// filtered out and counted.</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary>Throws a <see cref="UserException"/> naming the first key with an invalid value.</summary>
    /// <param name="prefix">how keys are named in messages, e.g. <c>data.</c> for a configuration section</param>
    public void Validate(string prefix = "data.")
    {
        Train.Validate($"{prefix}train");
        Dev?.Validate($"{prefix}dev");
        Test?.Validate($"{prefix}test");
        RequireAtLeast(prefix + "devSize", DevSize, 0);
        RequireAtLeast(prefix + "testSize", TestSize, 0);
        RequireAtLeast(prefix + "merges", Merges, 0);
        RequireAtLeast(prefix + "minFrequency", MinFrequency, 1);
        RequireAtLeast(prefix + "maxLength", MaxLength, 1);
        if (Dev is not null && DevSize > 0)
            throw new UserException($"{prefix}dev and {prefix}devSize: expected a dev corpus or a size to carve, not both");
        if (Test is not null && TestSize > 0)
            throw new UserException($"{prefix}test and {prefix}testSize: expected a test corpus or a size to carve, not both");
    }

    private static void RequireAtLeast(string key, int value, int minimum)
    {
        if (value < minimum)
            throw new UserException($"{key}: expected an integer of at least {minimum}, found {value}");
    }
}
