using Seq2Seq.Attention;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// The encoder, Vaswani et al. 2017, §3.1: a stack of N identical <see cref="TransformerEncoderLayer"/>s, followed by
/// a final LayerNorm when the layers are pre-LN (their outputs are otherwise never normalised).
/// </summary>
public sealed class TransformerEncoder : nn.Module
{
    private readonly ModuleList<TransformerEncoderLayer> layers;
    private readonly LayerNorm? finalNorm;

    public TransformerEncoder(string name, TransformerOptions options) : base(name)
    {
        layers = nn.ModuleList(Enumerable.Range(0, options.EncoderLayers)
            .Select(i => new TransformerEncoderLayer($"layer{i}", options))
            .ToArray());
        finalNorm = options.PreNorm ? nn.LayerNorm(options.ModelSize, options.LayerNormEpsilon) : null;
        RegisterComponents();
    }

    /// <param name="x">the embedded source tokens [srcTokens, d]</param>
    /// <param name="layout">where the tokens sit in the padded batch [batch, srcLen]</param>
    /// <param name="sourceMask">additive key-padding mask [batch, 1, 1, srcLen]</param>
    /// <returns>the memory [srcTokens, d]</returns>
    public Tensor forward(Tensor x, TokenLayout layout, Tensor sourceMask)
    {
        foreach (var layer in layers)
            x = layer.forward(x, layout, sourceMask);
        return finalNorm is null ? x : finalNorm.call(x);
    }
}
