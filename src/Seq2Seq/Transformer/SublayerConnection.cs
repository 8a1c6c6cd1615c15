using Seq2Seq.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// The residual connection and layer normalisation around every sublayer of a Transformer layer.
/// Post-LN, Vaswani et al. 2017, §3.1 and §5.4: <c>LayerNorm(x + Dropout(Sublayer(x)))</c>.
/// Pre-LN, Xiong et al. 2020 ("On Layer Normalization in the Transformer Architecture"):
/// <c>x + Dropout(Sublayer(LayerNorm(x)))</c>, which trains stably without a learning-rate warm-up; a pre-LN stack
/// ends with one more LayerNorm.
/// A layer calls <see cref="Input"/> to get what its sublayer reads, then <see cref="Residual"/> with the sublayer's
/// output.
/// </summary>
public sealed class SublayerConnection : nn.Module
{
    private readonly LayerNorm norm;
    private readonly FastDropout dropout;
    private readonly bool preNorm;

    /// <param name="name">the module name</param>
    /// <param name="modelSize">d_model</param>
    /// <param name="dropout">dropout on the sublayer's output</param>
    /// <param name="preNorm">normalise the sublayer's input (pre-LN) instead of the sum (post-LN)</param>
    /// <param name="layerNormEpsilon">the LayerNorm's ε</param>
    public SublayerConnection(string name, int modelSize, double dropout, bool preNorm, double layerNormEpsilon)
        : base(name)
    {
        norm = nn.LayerNorm(modelSize, layerNormEpsilon);
        this.dropout = new FastDropout(dropout);
        this.preNorm = preNorm;
        RegisterComponents();
    }

    /// <summary>What the sublayer reads: LayerNorm(x) for pre-LN, x itself for post-LN.</summary>
    /// <param name="x">[tokens, d]</param>
    public Tensor Input(Tensor x) => preNorm ? norm.call(x) : x;

    /// <summary>Adds the sublayer's output to its input: x + Dropout(y), normalised afterwards for post-LN.</summary>
    /// <param name="x">the sublayer's input before <see cref="Input"/>, [tokens, d]</param>
    /// <param name="sublayerOutput">[tokens, d]</param>
    /// <returns>[tokens, d]</returns>
    public Tensor Residual(Tensor x, Tensor sublayerOutput)
    {
        var sum = x + dropout.call(sublayerOutput);
        return preNorm ? sum : norm.call(sum);
    }
}
