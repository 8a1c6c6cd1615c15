using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class CorpusSplitterTests
{
    private static readonly SentencePair[] Pairs = [.. Enumerable.Range(0, 100).Select(i => new SentencePair($"s{i}", $"t{i}"))];

    [Fact]
    public void CarvesDisjointSplitsThatCoverTheCorpusInFileOrder()
    {
        var splits = CorpusSplitter.Carve(Pairs, devSize: 10, testSize: 15, seed: 9);

        Assert.Equal(75, splits.Train.Count);
        Assert.Equal(10, splits.Dev.Count);
        Assert.Equal(15, splits.Test.Count);
        Assert.Equal(Pairs, splits.Train.Concat(splits.Dev).Concat(splits.Test).OrderBy(p => int.Parse(p.Source[1..])));
        foreach (var split in new[] { splits.Train, splits.Dev, splits.Test })
            Assert.Equal(split.OrderBy(p => int.Parse(p.Source[1..])), split);
    }

    [Fact]
    public void SameSeedSameSplitsOtherSeedOtherSplits()
    {
        var first = CorpusSplitter.Carve(Pairs, 10, 10, seed: 9);
        var again = CorpusSplitter.Carve(Pairs, 10, 10, seed: 9);
        var other = CorpusSplitter.Carve(Pairs, 10, 10, seed: 10);

        Assert.Equal(first.Dev, again.Dev);
        Assert.Equal(first.Test, again.Test);
        Assert.NotEqual(first.Dev, other.Dev);
    }

    [Fact]
    public void CannotCarveEverything()
    {
        var error = Assert.Throws<UserException>(() => CorpusSplitter.Carve(Pairs, 60, 40, seed: 1));

        Assert.Equal("cannot carve 60 dev and 40 test pairs out of 100 pairs: none would be left for training", error.Message);
    }
}
