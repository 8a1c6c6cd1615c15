using Seq2Seq.Attention;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

public sealed class MultiHeadAttentionTests
{
    private static MultiHeadAttention Create()
    {
        manual_seed(3);
        var attention = new MultiHeadAttention("attention", modelSize: 12, heads: 3, dropout: 0.1);
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
        var queries = attention.ProjectQueries(randn(2, 4, 12));           // [2, 3, 4, 4]
        var (keys, values) = attention.ProjectKeysValues(randn(2, 5, 12)); // [2, 3, 5, 4]

        var (fused, none) = attention.Attend(queries, keys, values, PaddingMask(), causal: false, withWeights: false);
        var (explicitOutput, weights) =
            attention.Attend(queries, keys, values, PaddingMask(), causal: false, withWeights: true);

        Assert.Null(none);
        Assert.Equal([2L, 4, 12], fused.shape);
        Assert.True(fused.allclose(explicitOutput, rtol: 0, atol: 1e-5));
        Assert.Equal([2L, 3, 4, 5], weights!.shape);
    }

    [Fact]
    public void FusedAndExplicitPathsAgreeWhenCausal()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var (q, k, v) = attention.ProjectSelf(randn(2, 6, 12));            // [2, 3, 6, 4] each

        var (fused, _) = attention.Attend(q, k, v, mask: null, causal: true, withWeights: false);
        var (explicitOutput, weights) = attention.Attend(q, k, v, mask: null, causal: true, withWeights: true);

        Assert.True(fused.allclose(explicitOutput, rtol: 0, atol: 1e-5));
        // Nothing above the diagonal: query i never sees key j > i.
        Assert.Equal(0f, weights!.triu(1).abs().sum().item<float>());
    }

    [Fact]
    public void EveryHeadsWeightsSumToOneOverRealKeysAndAreZeroOnPadding()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var queries = attention.ProjectQueries(randn(2, 4, 12));
        var (keys, values) = attention.ProjectKeysValues(randn(2, 5, 12));

        var (_, weights) = attention.Attend(queries, keys, values, PaddingMask(), causal: false, withWeights: true);

        Assert.True(weights!.sum(-1).allclose(ones(2, 3, 4), rtol: 0, atol: 1e-6));
        Assert.Equal(0f, weights[1, .., .., 3..].abs().sum().item<float>());
    }

    [Fact]
    public void SelfProjectionIsTheQueryAndKeyValueProjectionsFused()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var x = randn(2, 4, 12);

        var (q, k, v) = attention.ProjectSelf(x);
        var (keys, values) = attention.ProjectKeysValues(x);

        Assert.True(q.allclose(attention.ProjectQueries(x), rtol: 0, atol: 1e-6));
        Assert.True(k.allclose(keys, rtol: 0, atol: 1e-6));
        Assert.True(v.allclose(values, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void ACausalAttentionRefusesAnotherMask()
    {
        using var attention = Create();
        using var scope = NewDisposeScope();
        var (q, k, v) = attention.ProjectSelf(randn(1, 3, 12));

        Assert.Throws<ArgumentException>(() =>
            attention.Attend(q, k, v, CausalMask.Create(3), causal: true, withWeights: false));
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
