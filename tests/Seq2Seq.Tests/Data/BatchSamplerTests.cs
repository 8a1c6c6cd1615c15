using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class BatchSamplerTests
{
    /// <summary>300 pairs with lengths 1–40 and a few pairs longer than a small budget.</summary>
    private static (int[] Source, int[] Target) Lengths()
    {
        var random = new Random(7);
        int[] source = [.. Enumerable.Range(0, 300).Select(_ => random.Next(1, 41))];
        int[] target = [.. source.Select(s => Math.Max(1, s + random.Next(-5, 6)))];
        source[10] = 120;   // padded length 121 > budget 100
        target[20] = 150;
        return (source, target);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(257)]
    [InlineData(1000)]
    public void TokenBudgetHoldsExceptForSingleOversizedPairs(int budget)
    {
        var (source, target) = Lengths();
        var sampler = new BatchSampler(source, target, BatchSize.Tokens(budget), seed: 3);

        foreach (int epoch in new[] { 0, 1, 2 })
        {
            foreach (int[] batch in sampler.Batches(epoch))
            {
                long padded = batch.Length * batch.Max(i => Math.Max(source[i] + 1, target[i] + 1));
                Assert.Equal(padded, sampler.PaddedTokens(batch));
                Assert.True(padded <= budget || batch.Length == 1, $"batch of {batch.Length} pairs has {padded} padded tokens");
            }
        }
    }

    [Fact]
    public void OversizedPairsFormBatchesAlone()
    {
        var (source, target) = Lengths();
        var sampler = new BatchSampler(source, target, BatchSize.Tokens(100), seed: 3);

        var batches = sampler.Batches(0);

        Assert.Contains(batches, b => b.SequenceEqual([10]));
        Assert.Contains(batches, b => b.SequenceEqual([20]));
    }

    [Theory]
    [InlineData(true, 200)]
    [InlineData(false, 16)]
    public void EveryPairAppearsExactlyOncePerEpoch(bool inTokens, int size)
    {
        var (source, target) = Lengths();
        var sampler = new BatchSampler(source, target, inTokens ? BatchSize.Tokens(size) : BatchSize.Sentences(size), seed: 11);

        foreach (int epoch in new[] { 0, 1, 5 })
            Assert.Equal(Enumerable.Range(0, source.Length), sampler.Batches(epoch).SelectMany(b => b).Order());
    }

    [Fact]
    public void SentenceBatchesHoldAtMostTheCount()
    {
        var (source, target) = Lengths();
        var batches = new BatchSampler(source, target, BatchSize.Sentences(32), seed: 1).Batches(0);

        Assert.All(batches, b => Assert.InRange(b.Length, 1, 32));
        Assert.Equal((300 + 31) / 32, batches.Count);
    }

    [Fact]
    public void BatchesGroupSimilarLengths()
    {
        var (source, target) = Lengths();
        var batches = new BatchSampler(source, target, BatchSize.Sentences(20), seed: 1).Batches(0);

        // Sorted by the longer side: within a batch that side differs by far less than across the corpus (1–40).
        Assert.All(batches.Where(b => !b.Contains(10) && !b.Contains(20)), b =>
        {
            int[] longest = [.. b.Select(i => Math.Max(source[i], target[i]))];
            Assert.True(longest.Max() - longest.Min() <= 6, $"lengths {string.Join(",", longest)}");
        });
    }

    [Fact]
    public void SameSeedAndEpochGiveTheSameBatches()
    {
        var (source, target) = Lengths();
        var first = new BatchSampler(source, target, BatchSize.Tokens(300), seed: 42);
        var second = new BatchSampler(source, target, BatchSize.Tokens(300), seed: 42);

        Assert.Equal(first.Batches(4), second.Batches(4));
    }

    [Fact]
    public void OtherEpochsAndSeedsGiveOtherOrders()
    {
        var (source, target) = Lengths();
        var sampler = new BatchSampler(source, target, BatchSize.Tokens(300), seed: 42);

        var epoch0 = sampler.Batches(0);

        Assert.NotEqual(epoch0, sampler.Batches(1));
        Assert.NotEqual(epoch0, new BatchSampler(source, target, BatchSize.Tokens(300), seed: 43).Batches(0));
    }
}
