namespace Seq2Seq.Data;

/// <summary>The three splits carved out of one corpus.</summary>
public sealed record CarvedSplits(
    IReadOnlyList<SentencePair> Train, IReadOnlyList<SentencePair> Dev, IReadOnlyList<SentencePair> Test);

/// <summary>Carves dev and test sets out of one corpus with a seeded random draw; each split keeps file order.</summary>
public static class CorpusSplitter
{
    public static CarvedSplits Carve(IReadOnlyList<SentencePair> pairs, int devSize, int testSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(devSize);
        ArgumentOutOfRangeException.ThrowIfNegative(testSize);
        if ((long)devSize + testSize >= pairs.Count)
        {
            throw new UserException(
                $"cannot carve {devSize} dev and {testSize} test pairs out of {pairs.Count} pairs: none would be left for training");
        }
        int[] drawn = [.. Enumerable.Range(0, pairs.Count)];
        new Random(seed).Shuffle(drawn);
        int[] dev = drawn[..devSize];
        int[] test = drawn[devSize..(devSize + testSize)];
        int[] train = drawn[(devSize + testSize)..];
        return new CarvedSplits(InFileOrder(pairs, train), InFileOrder(pairs, dev), InFileOrder(pairs, test));
    }

    private static SentencePair[] InFileOrder(IReadOnlyList<SentencePair> pairs, int[] indices) =>
        [.. indices.Order().Select(i => pairs[i])];
}
