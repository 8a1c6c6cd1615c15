using Seq2Seq.Decoding;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

public sealed class BlockTopKTests
{
    /// <summary>Vocabularies with and without columns after the last whole block, too small for blocks, one row or
    /// beam search's many: the same values and indices as LibTorch's top-k (random scores have no ties).</summary>
    [Theory]
    [InlineData(8000, 320, 5)]
    [InlineData(7919, 64, 5)]
    [InlineData(7919, 64, 1)]
    [InlineData(641, 3, 5)]
    [InlineData(1000, 1, 1)]
    [InlineData(300, 7, 5)]
    [InlineData(20, 4, 5)]
    public void GivesTopKsValuesAndIndices(int columns, int rows, int k)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var scores = randn(rows, columns);

        var (values, indices) = BlockTopK.Largest(scores, k);

        var (expectedValues, expectedIndices) = scores.topk(k);
        Assert.Equal([rows, k], values.shape);
        Assert.True(values.equal(expectedValues).all().item<bool>());
        Assert.True(indices.equal(expectedIndices).all().item<bool>());
    }

    /// <summary>The k largest all sit in one block, in the remainder, or at both ends: each is still found.</summary>
    [Theory]
    [InlineData(new long[] { 130, 131, 132, 133, 134 })]
    [InlineData(new long[] { 1000, 1001, 1002, 1003, 1004 })]
    [InlineData(new long[] { 0, 1004, 63, 64, 999 })]
    public void FindsTheLargestWhereverTheyLie(long[] places)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var scores = rand(2, 1005);                                               // in [0, 1)
        for (int i = 0; i < places.Length; i++)
            scores[.., places[i]] = 10 + i;

        var (values, indices) = BlockTopK.Largest(scores, places.Length);

        Assert.Equal(places.Reverse().ToArray(), indices[0].data<long>().ToArray());
        Assert.Equal(places.Reverse().ToArray(), indices[1].data<long>().ToArray());
        Assert.Equal([14f, 13f, 12f, 11f, 10f], values[0].data<float>().ToArray());
    }

    /// <summary>Masked words (−∞) and ties: the values are top-k's, and the indices point at distinct entries that
    /// hold them.</summary>
    [Fact]
    public void MaskedColumnsAndTiesGiveTopKsValuesAtDistinctIndices()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var scores = randint(0, 3, [6, 700]).to(ScalarType.Float32);             // many ties
        scores[.., 3] = float.NegativeInfinity;
        scores[5] = float.NegativeInfinity;                                       // a dead hypothesis

        var (values, indices) = BlockTopK.Largest(scores, 5);

        Assert.True(values.equal(scores.topk(5).values).all().item<bool>());
        Assert.True(scores.gather(1, indices).equal(values).all().item<bool>());
        for (int r = 0; r < 6; r++)
            Assert.Equal(5, indices[r].data<long>().ToArray().Distinct().Count());
    }
}
