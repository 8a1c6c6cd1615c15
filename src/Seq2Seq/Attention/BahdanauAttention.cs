using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>
/// Additive attention, Bahdanau et al. 2015 ("Neural Machine Translation by Jointly Learning to Align and
/// Translate", §3.1 and appendix A.1.2): <c>score(s, hⱼ) = vᵀ tanh(W_s s + W_h hⱼ)</c>, normalised by a softmax over
/// the real source positions. <c>W_h hⱼ</c> does not depend on the decoder state, so it is computed once per batch
/// (<see cref="ProjectKeys"/>) and reused at every decoding step. When no gradients are recorded on the CPU (searches,
/// evaluation), <see cref="AdditiveAttentionKernel"/> computes the same weights and context in one pass.
/// </summary>
public sealed class BahdanauAttention : nn.Module
{
    private readonly Linear _keyProjection;     // W_h: memory → attention space, no bias
    private readonly Linear _queryProjection;   // W_s: decoder state → attention space, with bias
    private readonly Linear _energy;            // v: attention space → score, no bias

    public BahdanauAttention(long memorySize, long querySize, long attentionSize) : base(nameof(BahdanauAttention))
    {
        _keyProjection = nn.Linear(memorySize, attentionSize, hasBias: false);
        _queryProjection = nn.Linear(querySize, attentionSize);
        _energy = nn.Linear(attentionSize, 1, hasBias: false);
        RegisterComponents();
    }

    /// <summary>W_h hⱼ for every source position.</summary>
    /// <param name="memory">[batch, srcLen, memorySize] encoder states</param>
    /// <returns>[batch, srcLen, attentionSize]</returns>
    public Tensor ProjectKeys(Tensor memory) => _keyProjection.call(memory);

    /// <param name="query">[batch, hyps, querySize] the previous decoder state s of each hypothesis (several per
    /// sentence during beam search, one otherwise)</param>
    /// <param name="keys">[batch, srcLen, attentionSize] from <see cref="ProjectKeys"/></param>
    /// <param name="memory">[batch, srcLen, memorySize] the encoder states hⱼ</param>
    /// <param name="mask">[batch, srcLen] bool, true at real source positions</param>
    /// <returns>the context Σⱼ αⱼ hⱼ [batch, hyps, memorySize] and the weights α [batch, hyps, srcLen], exactly 0 on
    /// padding</returns>
    public (Tensor Context, Tensor Weights) Attend(Tensor query, Tensor keys, Tensor memory, Tensor mask)
    {
        if (AdditiveAttentionKernel.Suits(keys))
            return AdditiveAttentionKernel.Attend(_queryProjection.call(query), keys, _energy.weight!.view(-1),
                memory, mask);
        var weights = Scores(query, keys, mask).softmax(-1);                        // [batch, hyps, srcLen]
        var context = weights.bmm(memory);                                          // [batch, hyps, memorySize]
        return (context, weights);
    }

    /// <summary>The scores through LibTorch's operations, recorded for autograd.</summary>
    /// <returns>[batch, hyps, srcLen], −∞ where the mask is false</returns>
    private Tensor Scores(Tensor query, Tensor keys, Tensor mask)
    {
        var projected = _queryProjection.call(query).unsqueeze(2);                 // [batch, hyps, 1, attentionSize]
        // vᵀ tanh(z) = 2·vᵀσ(2z) − Σᵢ vᵢ, because tanh x = 2σ(2x) − 1. The last term is the same at every source
        // position, so the softmax drops it and the weights are exactly those of vᵀ tanh(z). LibTorch's CPU sigmoid is
        // about 3× faster than its tanh, and this is the largest elementwise operation of a decoding step.
        var activations = keys.unsqueeze(1).add(projected).mul_(2).sigmoid_();    // σ(2z) [batch, hyps, srcLen, att]
        var scores = _energy.call(activations).squeeze(-1).mul_(2);           // vᵀ tanh(z) + Σᵢ vᵢ [batch, hyps, srcLen]
        return scores.masked_fill(mask.logical_not().unsqueeze(1), float.NegativeInfinity);
    }
}
