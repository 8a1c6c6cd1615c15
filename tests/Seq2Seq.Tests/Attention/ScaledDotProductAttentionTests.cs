using Seq2Seq.Attention;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Attention;

public sealed class ScaledDotProductAttentionTests
{
    private static readonly float[,] Qk = { { 1, 0, 1, 0 }, { 0, 1, 0, 1 }, { 1, 1, 1, 1 } };
    private static readonly float[,] V = { { 1, 2, 3, 4 }, { 10, 20, 30, 40 }, { 50, 60, 70, 80 } };

    [Fact]
    public void WorkedExampleGivesTheTrueSoftmaxWeights()
    {
        using var scope = NewDisposeScope();
        var (_, weights) = ScaledDotProductAttention.Compute(tensor(Qk), tensor(Qk), tensor(V));

        float[] expected = { 0.4223f, 0.1554f, 0.4223f, 0.1554f, 0.4223f, 0.4223f, 0.2119f, 0.2119f, 0.5761f };
        var actual = weights.data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-4f);
        Assert.True(weights.sum(-1).allclose(ones(3), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void WorkedExampleGivesTheExpectedFirstOutputRow()
    {
        using var scope = NewDisposeScope();
        var (output, _) = ScaledDotProductAttention.Compute(tensor(Qk), tensor(Qk), tensor(V));

        float[] expected = { 23.092f, 29.291f, 35.490f, 41.689f };
        var firstRow = output[0].data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], firstRow[i], 1e-3f);
    }

    [Fact]
    public void MaskedKeysGetExactlyZeroWeightAndRowsStillSumToOne()
    {
        using var scope = NewDisposeScope();
        var allowed = tensor(new[] { true, false, true }).expand(3, 3);
        var mask = ScaledDotProductAttention.AdditiveMask(allowed);

        var (output, weights) = ScaledDotProductAttention.Compute(tensor(Qk), tensor(Qk), tensor(V), mask);

        Assert.All(weights[.., 1].data<float>().ToArray(), w => Assert.Equal(0f, w));
        Assert.True(weights.sum(-1).allclose(ones(3), rtol: 0, atol: 1e-6));
        // Row 0 attends equally to keys 0 and 2 (equal scores): the mean of V's rows 0 and 2.
        Assert.True(output[0].allclose(tensor(new float[] { 25.5f, 31f, 36.5f, 42f }), rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void BatchedHeadsMatchOneAtATime()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var q = randn(2, 3, 5, 8);   // [batch, heads, tgtLen, dK]
        var k = randn(2, 3, 6, 8);   // [batch, heads, srcLen, dK]
        var v = randn(2, 3, 6, 4);   // [batch, heads, srcLen, dV]

        var (output, _) = ScaledDotProductAttention.Compute(q, k, v);
        var (single, _) = ScaledDotProductAttention.Compute(q[1, 2], k[1, 2], v[1, 2]);

        Assert.True(output[1, 2].allclose(single, rtol: 0, atol: 1e-6));
    }
}
