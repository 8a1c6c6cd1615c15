using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>
/// Scaled dot-product attention, Vaswani et al. 2017, §3.2.1: <c>softmax(QKᵀ/√d_k + M)·V</c>, where the optional
/// additive mask M holds 0 where a query may attend and −∞ where it may not.
/// </summary>
public static class ScaledDotProductAttention
{
    /// <param name="query">[..., tgtLen, dK]</param>
    /// <param name="key">[..., srcLen, dK]</param>
    /// <param name="value">[..., srcLen, dV]</param>
    /// <param name="mask">additive mask broadcastable to [..., tgtLen, srcLen], or null</param>
    /// <returns>the output [..., tgtLen, dV] and the attention weights [..., tgtLen, srcLen]</returns>
    public static (Tensor Output, Tensor Weights) Compute(Tensor query, Tensor key, Tensor value, Tensor? mask = null)
    {
        long dK = query.shape[^1];
        var scores = query.matmul(key.transpose(-2, -1)).div_(Math.Sqrt(dK)); // [..., tgtLen, srcLen]
        if (mask is not null)
            scores.add_(mask);
        var weights = scores.softmax(-1);                                     // [..., tgtLen, srcLen]
        return (weights.matmul(value), weights);                             // [..., tgtLen, dV]
    }

    /// <summary>
    /// As <see cref="Compute(Tensor, Tensor, Tensor, Tensor?)"/>, with dropout applied to the weights before they
    /// average the values (the attention dropout of Vaswani et al.'s reference implementation). The weights returned
    /// are those before dropout: they still sum to 1 over the keys a query may attend.
    /// </summary>
    /// <param name="dropout">the dropout applied to the weights [..., tgtLen, srcLen]</param>
    public static (Tensor Output, Tensor Weights) Compute(
        Tensor query, Tensor key, Tensor value, Tensor? mask, Func<Tensor, Tensor> dropout)
    {
        long dK = query.shape[^1];
        var scores = query.matmul(key.transpose(-2, -1)).div_(Math.Sqrt(dK)); // [..., tgtLen, srcLen]
        if (mask is not null)
            scores.add_(mask);
        var weights = scores.softmax(-1);                                     // [..., tgtLen, srcLen]
        return (dropout(weights).matmul(value), weights);                    // [..., tgtLen, dV]
    }

    /// <summary>Turns a boolean "may attend" mask into the additive form: true → 0, false → −∞.</summary>
    public static Tensor AdditiveMask(Tensor allowed) =>
        zeros(allowed.shape, ScalarType.Float32, allowed.device)
            .masked_fill_(allowed.logical_not(), float.NegativeInfinity);
}
