using Seq2Seq.Data;
using Seq2Seq.Transformer;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>
/// Greedy decoding of a Transformer without its incremental state, the way a model without a cache decodes: every
/// step re-runs the decoder stack on the whole prefix (the encoder runs once) and projects the last position. A step
/// costs O(prefix²) attention and O(prefix) position-wise work instead of the cached step's O(prefix) and O(1). It
/// exists to measure what the cache saves; use <see cref="GreedySearch"/> to translate.
/// </summary>
public static class RecomputingGreedySearch
{
    /// <param name="model">a Transformer in evaluation mode</param>
    /// <param name="source">[batch, srcLen] int64</param>
    /// <param name="steps">how many tokens to generate; &lt;/s&gt; is an ordinary token and &lt;pad&gt; is never
    /// chosen, so every prefix is real</param>
    /// <returns>[batch, steps] int64, the chosen tokens</returns>
    public static Tensor Decode(TransformerModel model, Tensor source, int steps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var decode = model.PrefixDecoder(source);
        var prefix = full(source.shape[0], 1, SpecialTokens.Bos, ScalarType.Int64, source.device); // [batch, t]
        for (int t = 0; t < steps; t++)
        {
            using var stepScope = NewDisposeScope();
            var logits = model.Project(decode(prefix));                                // [batch, V]
            logits[.., SpecialTokens.Pad].fill_(float.NegativeInfinity);
            prefix = cat([prefix, logits.argmax(-1, keepdim: true)], 1).MoveToOuterDisposeScope();
        }
        return prefix[.., 1..].MoveToOuterDisposeScope();
    }
}
