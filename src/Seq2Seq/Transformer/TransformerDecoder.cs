using Seq2Seq.Attention;
using Seq2Seq.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// The decoder, Vaswani et al. 2017, §3.1: a stack of N identical <see cref="TransformerDecoderLayer"/>s, followed by
/// a final LayerNorm when the layers are pre-LN. It reports the cross-attention of every layer and head.
/// </summary>
public sealed class TransformerDecoder : nn.Module
{
    private readonly ModuleList<TransformerDecoderLayer> layers;
    private readonly LayerNorm? finalNorm;

    public TransformerDecoder(string name, TransformerOptions options) : base(name)
    {
        layers = nn.ModuleList(Enumerable.Range(0, options.DecoderLayers)
            .Select(i => new TransformerDecoderLayer($"layer{i}", options))
            .ToArray());
        finalNorm = options.PreNorm ? nn.LayerNorm(options.ModelSize, options.LayerNormEpsilon) : null;
        RegisterComponents();
    }

    /// <summary>Teacher-forced pass over all target positions.</summary>
    /// <param name="x">the embedded target tokens [tgtTokens, d]</param>
    /// <param name="targetLayout">where the target tokens sit in the padded batch [batch, tgtLen]</param>
    /// <param name="memory">the encoder output [srcTokens, d]</param>
    /// <param name="sourceLayout">where the source tokens sit in the padded batch [batch, srcLen]</param>
    /// <param name="sourceMask">additive key-padding mask [batch, 1, 1, srcLen]</param>
    /// <param name="withAttention">whether to return the cross-attention</param>
    /// <returns>[tgtTokens, d] and, if asked for, the cross-attention [batch, layers, heads, tgtLen, srcLen]</returns>
    public (Tensor Output, Tensor? CrossAttention) forward(Tensor x, TokenLayout targetLayout, Tensor memory,
        TokenLayout sourceLayout, Tensor sourceMask, bool withAttention)
    {
        var attention = new List<Tensor>(layers.Count);
        foreach (var layer in layers)
        {
            (x, var weights) = layer.forward(x, targetLayout, memory, sourceLayout, sourceMask, withAttention);
            if (weights is not null)
                attention.Add(weights);                                   // [batch, heads, tgtLen, srcLen]
        }
        var output = finalNorm is null ? x : finalNorm.call(x);
        return (output, withAttention ? stack(attention, 1) : null);     // [batch, layers, heads, tgtLen, srcLen]
    }

    /// <summary>The state before the first step: every layer's cross-attention keys and values, computed once.</summary>
    /// <param name="memory">the encoder output [srcTokens, d]</param>
    /// <param name="sourceLayout">where the source tokens sit in the padded batch [batch, srcLen]</param>
    /// <param name="sourceMask">additive key-padding mask [batch, 1, 1, srcLen]</param>
    /// <param name="repeat">hypotheses per sentence (adjacent rows)</param>
    /// <param name="output">the output layer prepared for this search, handed to the state</param>
    public TransformerDecoderState StartState(Tensor memory, TokenLayout sourceLayout, Tensor sourceMask, int repeat,
        VocabularyProjection output)
    {
        var projected = layers
            .Select(layer => layer.ProjectMemory(memory, sourceLayout))
            .Select(kv => (kv.Keys.contiguous(), kv.Values.contiguous()))  // [batch, heads, srcLen, dHead] each
            .ToList();
        return new TransformerDecoderState(projected, sourceMask, repeat, output);
    }

    /// <summary>One incremental step for every row of the state (which the caller then advances).</summary>
    /// <param name="x">the embedded new position of each row [rows, d]</param>
    /// <param name="state">the caches, extended by this step</param>
    /// <returns>[rows, d] and the cross-attention [rows, layers, heads, srcLen]</returns>
    public (Tensor Output, Tensor CrossAttention) Step(Tensor x, TransformerDecoderState state)
    {
        var attention = new Tensor[layers.Count];
        for (int i = 0; i < layers.Count; i++)
            (x, attention[i]) = layers[i].Step(x, state, i);               // [rows, heads, srcLen]
        var output = finalNorm is null ? x : finalNorm.call(x);
        return (output, stack(attention, 1));                             // [rows, layers, heads, srcLen]
    }
}
