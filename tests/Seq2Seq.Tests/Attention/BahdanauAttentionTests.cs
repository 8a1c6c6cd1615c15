using Seq2Seq.Attention;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Attention;

public sealed class BahdanauAttentionTests
{
    private const int Batch = 3, Hyps = 2, SourceLength = 5, MemorySize = 6, QuerySize = 4, AttentionSize = 7;

    /// <summary>With gradients the module runs LibTorch's operations; without, <see cref="AdditiveAttentionKernel"/>
    /// (sizes below a vector of eight floats, and above with a remainder).</summary>
    [Theory]
    [InlineData(true, MemorySize, AttentionSize)]
    [InlineData(false, MemorySize, AttentionSize)]
    [InlineData(false, 20, 19)]
    public void WeightsAndContextAreThoseOfTheTextbookFormula(bool recordGradients, int memorySize, int attentionSize)
    {
        using var scope = NewDisposeScope();
        var (attention, query, memory, mask) = Setup(memorySize, attentionSize);

        Tensor context, weights;
        using (var mode = recordGradients ? enable_grad() : no_grad())
        {
            Assert.Equal(!recordGradients, AdditiveAttentionKernel.Suits(memory));
            (context, weights) = attention.Attend(query, attention.ProjectKeys(memory), memory, mask);
        }

        var (expectedContext, expectedWeights) = Textbook(attention, query, memory, mask);
        Assert.True(weights.allclose(expectedWeights, rtol: 1e-5, atol: 1e-7));
        Assert.True(context.allclose(expectedContext, rtol: 1e-5, atol: 1e-6));
        var padding = mask.logical_not().unsqueeze(1).expand_as(weights);              // [batch, hyps, srcLen]
        Assert.Equal(0f, weights.masked_select(padding).abs().sum().item<float>());
    }

    [Fact]
    public void GradientsAreThoseOfTheTextbookFormula()
    {
        using var scope = NewDisposeScope();
        var (attention, query, memory, mask) = Setup();
        var probe = randn(Batch, Hyps, MemorySize);

        var gradients = Gradients(attention,
            () => attention.Attend(query, attention.ProjectKeys(memory), memory, mask).Context);
        var expected = Gradients(attention, () => Textbook(attention, query, memory, mask).Context);

        for (int i = 0; i < gradients.Length; i++)
            Assert.True(gradients[i].allclose(expected[i], rtol: 1e-4, atol: 1e-6), $"parameter {i} differs");

        Tensor[] Gradients(BahdanauAttention module, Func<Tensor> context)
        {
            module.zero_grad();
            context().mul(probe).sum().backward();
            return module.parameters().Select(p => p.grad!.clone()).ToArray();
        }
    }

    private static (BahdanauAttention Attention, Tensor Query, Tensor Memory, Tensor Mask) Setup(
        int memorySize = MemorySize, int attentionSize = AttentionSize)
    {
        manual_seed(3);
        var attention = new BahdanauAttention(memorySize, QuerySize, attentionSize);
        var query = randn(Batch, Hyps, QuerySize);
        var memory = randn(Batch, SourceLength, memorySize);
        var lengths = tensor(new long[] { 5, 2, 4 });
        var mask = arange(SourceLength).unsqueeze(0).lt(lengths.unsqueeze(1));   // [batch, srcLen]
        return (attention, query, memory, mask);
    }

    /// <summary>Bahdanau et al. 2015, A.1.2: eⱼ = vᵀ tanh(W_s s + W_h hⱼ), α = softmax(e) over the real positions,
    /// c = Σⱼ αⱼ hⱼ; written out with the module's own parameters.</summary>
    private static (Tensor Context, Tensor Weights) Textbook(BahdanauAttention attention, Tensor query, Tensor memory,
        Tensor mask)
    {
        var p = attention.named_parameters().ToDictionary(n => n.name, n => n.parameter);
        var keys = memory.matmul(p["_keyProjection.weight"].t());                                // [batch, srcLen, att]
        var s = query.matmul(p["_queryProjection.weight"].t()).add(p["_queryProjection.bias"]);  // [batch, hyps, att]
        var energy = tanh(keys.unsqueeze(1) + s.unsqueeze(2)).matmul(p["_energy.weight"].t()).squeeze(-1);
        var weights = energy.masked_fill(mask.logical_not().unsqueeze(1), float.NegativeInfinity).softmax(-1);
        return (weights.bmm(memory), weights);
    }
}
