namespace Seq2Seq.Data;

/// <summary>How big a batch may be: a number of sentence pairs, or a budget of padded tokens.</summary>
public sealed record BatchSize
{
    private BatchSize(int value, bool inTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        Value = value;
        InTokens = inTokens;
    }

    public int Value { get; }

    /// <summary>True for a token budget, false for a number of sentence pairs.</summary>
    public bool InTokens { get; }

    /// <summary>At most <paramref name="count"/> pairs per batch.</summary>
    public static BatchSize Sentences(int count) => new(count, inTokens: false);

    /// <summary>
    /// At most <paramref name="budget"/> padded tokens per batch, counted as
    /// <c>rows × max(srcLen + 1, tgtLen + 1)</c> (the longest side of the longest pair, with &lt;/s&gt; or &lt;s&gt;).
    /// </summary>
    public static BatchSize Tokens(int budget) => new(budget, inTokens: true);

    public override string ToString() => InTokens ? $"{Value} tokens" : $"{Value} sentences";
}
