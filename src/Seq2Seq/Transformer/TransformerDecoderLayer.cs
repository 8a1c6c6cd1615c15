using TorchSharp;
using Seq2Seq.Attention;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// One decoder layer, Vaswani et al. 2017, §3.1: causal multi-head self-attention, multi-head cross-attention over
/// the encoder memory, then a position-wise feed-forward network, each wrapped in a residual connection with layer
/// normalisation (pre-LN or post-LN). <see cref="forward"/> runs all target positions at once (teacher forcing);
/// <see cref="Step"/> runs one position against the keys and values a <see cref="TransformerDecoderState"/> caches.
/// </summary>
public sealed class TransformerDecoderLayer : nn.Module
{
    private readonly MultiHeadAttention selfAttention;
    private readonly SublayerConnection selfAttentionBlock;
    private readonly MultiHeadAttention crossAttention;
    private readonly SublayerConnection crossAttentionBlock;
    private readonly PositionwiseFeedForward feedForward;
    private readonly SublayerConnection feedForwardBlock;

    public TransformerDecoderLayer(string name, TransformerOptions options) : base(name)
    {
        var (d, p, preNorm, eps) = (options.ModelSize, options.Dropout, options.PreNorm, options.LayerNormEpsilon);
        selfAttention = new MultiHeadAttention(nameof(selfAttention), d, options.Heads, p);
        selfAttentionBlock = new SublayerConnection(nameof(selfAttentionBlock), d, p, preNorm, eps);
        crossAttention = new MultiHeadAttention(nameof(crossAttention), d, options.Heads, p);
        crossAttentionBlock = new SublayerConnection(nameof(crossAttentionBlock), d, p, preNorm, eps);
        feedForward = new PositionwiseFeedForward(nameof(feedForward), d, options.FeedForwardSize, p);
        feedForwardBlock = new SublayerConnection(nameof(feedForwardBlock), d, p, preNorm, eps);
        RegisterComponents();
    }

    /// <summary>The keys and values of this layer's cross-attention over the encoder memory.</summary>
    /// <param name="memory">[batch, srcLen, d]</param>
    /// <returns>keys and values, each [batch, heads, srcLen, dHead]</returns>
    public (Tensor Keys, Tensor Values) ProjectMemory(Tensor memory) => crossAttention.ProjectKeysValues(memory);

    /// <summary>Teacher-forced pass over all target positions.</summary>
    /// <param name="x">[batch, tgtLen, d]</param>
    /// <param name="memory">the encoder output [batch, srcLen, d]</param>
    /// <param name="sourceMask">additive key-padding mask [batch, 1, 1, srcLen]</param>
    /// <param name="withAttention">whether to return the cross-attention weights</param>
    /// <returns>[batch, tgtLen, d] and, if asked for, the cross-attention [batch, heads, tgtLen, srcLen]</returns>
    /// <remarks>No target key-padding mask is needed: targets are right-padded, so under the causal mask a real
    /// position never attends a padding position; padding positions' outputs are not scored.</remarks>
    public (Tensor Output, Tensor? CrossAttention) forward(
        Tensor x, Tensor memory, Tensor sourceMask, bool withAttention)
    {
        var (q, k, v) = selfAttention.ProjectSelf(selfAttentionBlock.Input(x));  // [batch, heads, tgtLen, dHead]
        var (attended, _) = selfAttention.Attend(q, k, v, mask: null, causal: true, withWeights: false);
        x = selfAttentionBlock.Residual(x, attended);                             // [batch, tgtLen, d]

        var queries = crossAttention.ProjectQueries(crossAttentionBlock.Input(x)); // [batch, heads, tgtLen, dHead]
        var (keys, values) = ProjectMemory(memory);                                // [batch, heads, srcLen, dHead]
        var (context, weights) = crossAttention.Attend(queries, keys, values, sourceMask, causal: false, withAttention);
        x = crossAttentionBlock.Residual(x, context);                              // [batch, tgtLen, d]

        x = feedForwardBlock.Residual(x, feedForward.forward(feedForwardBlock.Input(x)));
        return (x, weights);
    }

    /// <summary>One incremental decoding step: the self-attention of the new position attends the cached keys and
    /// values of all earlier positions plus its own, which are appended to the cache.</summary>
    /// <param name="x">the new position of each row [rows, 1, d]</param>
    /// <param name="state">the decoding state, whose caches for this layer are read and extended</param>
    /// <param name="layer">this layer's index in the stack</param>
    /// <returns>[rows, 1, d] and the cross-attention [rows, heads, srcLen]</returns>
    public (Tensor Output, Tensor CrossAttention) Step(Tensor x, TransformerDecoderState state, int layer)
    {
        long rows = x.shape[0];
        var (q, k, v) = selfAttention.ProjectSelf(selfAttentionBlock.Input(x));   // [rows, heads, 1, dHead]
        var (keys, values) = state.AppendSelfAttention(layer, k, v);               // [rows, heads, steps + 1, dHead]
        var (attended, _) = selfAttention.Attend(q, keys, values, mask: null, causal: false, withWeights: false);
        x = selfAttentionBlock.Residual(x, attended);                               // [rows, 1, d]

        // The g rows of a group (the hypotheses of one sentence) share its memory: they attend it as g queries of
        // one sequence, [groups, g, d], so the memory's keys and values are stored once per sentence.
        long groups = state.Groups;
        var grouped = crossAttentionBlock.Input(x).view(groups, rows / groups, x.shape[2]); // [groups, g, d]
        var queries = crossAttention.ProjectQueries(grouped);                       // [groups, heads, g, dHead]
        var (context, weights) = crossAttention.Attend(queries, state.CrossKeys(layer), state.CrossValues(layer),
            state.SourceMask, causal: false, withWeights: true);                    // [groups, g, d]
        x = crossAttentionBlock.Residual(x, context.view(rows, 1, x.shape[2]));    // [rows, 1, d]

        x = feedForwardBlock.Residual(x, feedForward.forward(feedForwardBlock.Input(x)));
        var rowWeights = weights!.transpose(1, 2)                                   // [groups, g, heads, srcLen]
            .reshape(rows, weights.shape[1], weights.shape[3]);                     // [rows, heads, srcLen]
        return (x, rowWeights);
    }
}
