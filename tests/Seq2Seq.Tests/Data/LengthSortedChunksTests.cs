using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class LengthSortedChunksTests
{
    [Fact]
    public void EverySentenceOnceShortestFirstWithinTheSentenceLimit()
    {
        var random = new Random(3);
        int[] lengths = Enumerable.Range(0, 500).Select(_ => random.Next(1, 80)).ToArray();

        var chunks = LengthSortedChunks.Of(lengths, maxSentences: 64).ToList();

        Assert.Equal(Enumerable.Range(0, 500), chunks.SelectMany(c => c).Order());
        var ordered = chunks.SelectMany(c => c).Select(i => lengths[i]).ToArray();
        Assert.Equal(ordered.Order(), ordered);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 64));
        Assert.All(chunks, c => Assert.True(c.Length == 1 || c.Length * c.Max(i => lengths[i]) <= LengthSortedChunks.MaxPaddedTokens));
    }

    [Fact]
    public void AVeryLongSentenceGoesAloneAndDoesNotPadTheOthers()
    {
        int[] lengths = [5, 7, 3000, 6, 5, 9];

        var chunks = LengthSortedChunks.Of(lengths, maxSentences: 64).ToList();

        Assert.Equal([[0, 4, 3, 1, 5], [2]], chunks);
    }

    [Fact]
    public void LongSentencesShareChunksUpToThePaddedSize()
    {
        int[] lengths = Enumerable.Repeat(100, 90).ToArray();

        var chunks = LengthSortedChunks.Of(lengths, maxSentences: 64, maxPaddedTokens: 4096).ToList();

        Assert.Equal([40, 40, 10], chunks.Select(c => c.Length));
    }
}
