using Seq2Seq.Attention;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

public sealed class MultiHeadAttentionTests
{
    private static TokenLayout Dense(long batch, long length) => TokenLayout.Dense(batch, length);

    private static MultiHeadAttention Create()
    {
        manual_seed(3);
        var attention = new MultiHeadAttention("attention", modelSize: 12, heads: 3, new FastDropout(0.1));
        attention.eval();
        return attention;
    }

    /// <summary>Key padding for a batch of 2 over 5 keys: the second row's last two keys are padding.</summary>
    private static Tensor PaddingMask() =>
        ScaledDotProductAttention.AdditiveMask(
            tensor(new[] { true, true, true, true, true, true, true, true, false, false }).view(2, 1, 1, 5));

    [Fact]
    public void FusedAndExplicitPathsAgreeWithAPaddingMask()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var queries = attention.ProjectQueries(randn(8, 12), Dense(2, 4));           // [2, 3, 4, 4]
        var (keys, values) = attention.ProjectKeysValues(randn(10, 12), Dense(2, 5)); // [2, 3, 5, 4]

        var (fused, none) = attention.Attend(queries, keys, values, PaddingMask(), causal: false, withWeights: false, Dense(2, 4));
        var (explicitOutput, weights) =
            attention.Attend(queries, keys, values, PaddingMask(), causal: false, withWeights: true, Dense(2, 4));

        Assert.Null(none);
        Assert.Equal([8L, 12], fused.shape);
        Assert.True(fused.allclose(explicitOutput, rtol: 0, atol: 1e-5));
        Assert.Equal([2L, 3, 4, 5], weights!.shape);
    }

    [Fact]
    public void FusedAndExplicitPathsAgreeWhenCausal()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var (q, k, v) = attention.ProjectSelf(randn(12, 12), Dense(2, 6));            // [2, 3, 6, 4] each

        var (fused, _) = attention.Attend(q, k, v, mask: null, causal: true, withWeights: false, Dense(2, 6));
        var (explicitOutput, weights) = attention.Attend(q, k, v, mask: null, causal: true, withWeights: true, Dense(2, 6));

        Assert.True(fused.allclose(explicitOutput, rtol: 0, atol: 1e-5));
        // Nothing above the diagonal: query i never sees key j > i.
        Assert.Equal(0f, weights!.triu(1).abs().sum().item<float>());
    }

    [Fact]
    public void EveryHeadsWeightsSumToOneOverRealKeysAndAreZeroOnPadding()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var queries = attention.ProjectQueries(randn(8, 12), Dense(2, 4));
        var (keys, values) = attention.ProjectKeysValues(randn(10, 12), Dense(2, 5));

        var (_, weights) = attention.Attend(queries, keys, values, PaddingMask(), causal: false, withWeights: true, Dense(2, 4));

        Assert.True(weights!.sum(-1).allclose(ones(2, 3, 4), rtol: 0, atol: 1e-6));
        Assert.Equal(0f, weights[1, .., .., 3..].abs().sum().item<float>());
    }

    [Fact]
    public void SelfProjectionIsTheQueryAndKeyValueProjectionsFused()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var x = randn(8, 12);

        var (q, k, v) = attention.ProjectSelf(x, Dense(2, 4));
        var (keys, values) = attention.ProjectKeysValues(x, Dense(2, 4));

        Assert.True(q.allclose(attention.ProjectQueries(x, Dense(2, 4)), rtol: 0, atol: 1e-6));
        Assert.True(k.allclose(keys, rtol: 0, atol: 1e-6));
        Assert.True(v.allclose(values, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void PackedTokensAttendLikeThePaddedBatch()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        // Two sentences of 3 and 5 tokens on a [2, 5] grid.
        var ids = tensor(new long[] { 4, 5, 6, 0, 0, 7, 8, 9, 10, 11 }, [2, 5]);
        var layout = TokenLayout.Of(ids, pad: 0);
        var padded = randn(2, 5, 12);
        var mask = ScaledDotProductAttention.AdditiveMask(ids.ne(0)).view(2, 1, 1, 5);

        var (q, k, v) = attention.ProjectSelf(layout.Pack(padded), layout);
        var (packed, _) = attention.Attend(q, k, v, mask, causal: false, withWeights: false, layout);  // [8, 12]
        var (pq, pk, pv) = attention.ProjectSelf(padded.view(10, 12), Dense(2, 5));
        var (full, _) = attention.Attend(pq, pk, pv, mask, causal: false, withWeights: false, Dense(2, 5)); // [10, 12]

        Assert.Equal([8L, 12], packed.shape);
        Assert.True(packed.allclose(layout.Pack(full.view(2, 5, 12)), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void ComputeWithDropoutAveragesWithTheDroppedWeightsButReturnsTheWholeOnes()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = (randn(2, 3, 4), randn(2, 5, 4), randn(2, 5, 4));
        var (expected, expectedWeights) = ScaledDotProductAttention.Compute(q, k, v, mask: null);

        var (kept, keptWeights) = ScaledDotProductAttention.Compute(q, k, v, mask: null, dropout: w => w);
        var (dropped, droppedWeights) = ScaledDotProductAttention.Compute(q, k, v, mask: null, dropout: w => w * 0);

        Assert.True(kept.allclose(expected, rtol: 0, atol: 1e-6));
        Assert.True(keptWeights.allclose(expectedWeights, rtol: 0, atol: 1e-6));
        Assert.Equal(0f, dropped.abs().sum().item<float>());
        Assert.True(droppedWeights.allclose(expectedWeights, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void TrainingWithAttentionDropoutChangesTheOutputAndEvaluationDoesNot()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var (q, k, v) = attention.ProjectSelf(randn(12, 12), Dense(2, 6));
        var (evaluated, _) = attention.Attend(q, k, v, mask: null, causal: true, withWeights: false, Dense(2, 6));

        attention.train();
        manual_seed(4);
        var (trained, weights) = attention.Attend(q, k, v, mask: null, causal: true, withWeights: true, Dense(2, 6));

        Assert.False(trained.allclose(evaluated, rtol: 0, atol: 1e-3));
        Assert.True(weights!.sum(-1).allclose(ones(2, 3, 6), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void ACausalAttentionRefusesAnotherMask()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var (q, k, v) = attention.ProjectSelf(randn(3, 12), Dense(1, 3));

        Assert.Throws<ArgumentException>(() =>
            attention.Attend(q, k, v, CausalMask.Create(3), causal: true, withWeights: false, Dense(1, 3)));
    }

    [Fact]
    public void CausalMaskIsMinusInfinityAboveTheDiagonalOnly()
    {
        using var scope = NewDisposeScope();
        var mask = CausalMask.Create(3);

        float inf = float.NegativeInfinity;
        Assert.Equal(new[] { 0f, inf, inf, 0f, 0f, inf, 0f, 0f, 0f }, mask.data<float>().ToArray());
    }
}
