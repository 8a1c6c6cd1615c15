using TorchSharp;
using Seq2Seq.Attention;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// One decoder layer, Vaswani et al. 2017, §3.1: causal multi-head self-attention, multi-head cross-attention over
/// the encoder memory, then a position-wise feed-forward network, each wrapped in a residual connection with layer
/// normalisation (pre-LN or post-LN). <see cref="forward"/> runs all target positions at once (teacher forcing) on
/// the real tokens only (see <see cref="TokenLayout"/>); <see cref="Step"/> runs one position per row against the
/// keys and values a <see cref="TransformerDecoderState"/> caches.
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
        selfAttention = new MultiHeadAttention(nameof(selfAttention), d, options.Heads, FastDropout.Optional(p));
        selfAttentionBlock = new SublayerConnection(nameof(selfAttentionBlock), d, p, preNorm, eps);
        crossAttention = new MultiHeadAttention(nameof(crossAttention), d, options.Heads, FastDropout.Optional(p));
        crossAttentionBlock = new SublayerConnection(nameof(crossAttentionBlock), d, p, preNorm, eps);
        feedForward = new PositionwiseFeedForward(nameof(feedForward), d, options.FeedForwardSize, p);
        feedForwardBlock = new SublayerConnection(nameof(feedForwardBlock), d, p, preNorm, eps);
        RegisterComponents();
    }

    /// <summary>The keys and values of this layer's cross-attention over the encoder memory.</summary>
    /// <param name="memory">the encoder output [srcTokens, d]</param>
    /// <param name="sourceLayout">where the source tokens sit in the padded batch [batch, srcLen]</param>
    /// <returns>keys and values, each [batch, heads, srcLen, dHead]</returns>
    public (Tensor Keys, Tensor Values) ProjectMemory(Tensor memory, TokenLayout sourceLayout) =>
        crossAttention.ProjectKeysValues(memory, sourceLayout);

    /// <summary>Teacher-forced pass over all target positions.</summary>
    /// <param name="x">the target tokens [tgtTokens, d]</param>
    /// <param name="targetLayout">where the target tokens sit in the padded batch [batch, tgtLen]</param>
    /// <param name="memory">the encoder output [srcTokens, d]</param>
    /// <param name="sourceLayout">where the source tokens sit in the padded batch [batch, srcLen]</param>
    /// <param name="sourceMask">additive key-padding mask [batch, 1, 1, srcLen]</param>
    /// <param name="withAttention">whether to return the cross-attention weights</param>
    /// <returns>[tgtTokens, d] and, if asked for, the cross-attention [batch, heads, tgtLen, srcLen]</returns>
    /// <remarks>No target key-padding mask is needed: targets are right-padded, so under the causal mask a real
    /// position never attends a padding position.</remarks>
    public (Tensor Output, Tensor? CrossAttention) forward(Tensor x, TokenLayout targetLayout, Tensor memory,
        TokenLayout sourceLayout, Tensor sourceMask, bool withAttention)
    {
        var (q, k, v) = selfAttention.ProjectSelf(selfAttentionBlock.Input(x), targetLayout); // [batch, heads, tgtLen, dHead]
        var (attended, _) = selfAttention.Attend(q, k, v, mask: null, causal: true, withWeights: false, targetLayout);
        x = selfAttentionBlock.Residual(x, attended);                                         // [tgtTokens, d]

        var queries = crossAttention.ProjectQueries(crossAttentionBlock.Input(x), targetLayout);
        var (keys, values) = ProjectMemory(memory, sourceLayout);                 // [batch, heads, srcLen, dHead]
        var (context, weights) = crossAttention.Attend(
            queries, keys, values, sourceMask, causal: false, withAttention, targetLayout);
        x = crossAttentionBlock.Residual(x, context);                                         // [tgtTokens, d]

        x = feedForwardBlock.Residual(x, feedForward.forward(feedForwardBlock.Input(x)));
        return (x, weights);
    }

    /// <summary>One incremental decoding step: the self-attention of the new position attends the cached keys and
    /// values of all earlier positions plus its own, which are appended to the cache.</summary>
    /// <param name="x">the new position of each row [rows, d]</param>
    /// <param name="state">the decoding state, whose caches for this layer are read and extended</param>
    /// <param name="layer">this layer's index in the stack</param>
    /// <returns>[rows, d] and the cross-attention [rows, heads, srcLen]</returns>
    public (Tensor Output, Tensor CrossAttention) Step(Tensor x, TransformerDecoderState state, int layer)
    {
        long rows = x.shape[0];
        var oneEach = TokenLayout.Dense(rows, 1);
        var (q, k, v) = selfAttention.ProjectSelf(selfAttentionBlock.Input(x), oneEach);  // [rows, heads, 1, dHead]
        var (keys, values) = state.AppendSelfAttention(layer, k, v);          // [rows, heads, steps + 1, dHead]
        var (attended, _) = selfAttention.Attend(q, keys, values, mask: null, causal: false, withWeights: false,
            oneEach);
        x = selfAttentionBlock.Residual(x, attended);                                       // [rows, d]

        // The g rows of a group (the hypotheses of one sentence) share its memory: they attend it as the g query
        // positions of one sequence, so the memory's keys and values are stored once per sentence.
        var grouped = TokenLayout.Dense(state.Groups, state.RowsPerGroup);
        var queries = crossAttention.ProjectQueries(crossAttentionBlock.Input(x), grouped); // [groups, heads, g, dHead]
        var (context, weights) = crossAttention.Attend(queries, state.CrossKeys(layer), state.CrossValues(layer),
            state.SourceMask, causal: false, withWeights: true, grouped);
        x = crossAttentionBlock.Residual(x, context);                                       // [rows, d]

        x = feedForwardBlock.Residual(x, feedForward.forward(feedForwardBlock.Input(x)));
        var rowWeights = weights!.transpose(1, 2)                             // [groups, g, heads, srcLen]
            .reshape(rows, weights.shape[1], weights.shape[3]);               // [rows, heads, srcLen]
        return (x, rowWeights);
    }
}
