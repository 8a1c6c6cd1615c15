using TorchSharp;
using Seq2Seq.Attention;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// One encoder layer, Vaswani et al. 2017, §3.1: multi-head self-attention, then a position-wise feed-forward
/// network, each wrapped in a residual connection with layer normalisation (pre-LN or post-LN). It works on the
/// real tokens only (see <see cref="TokenLayout"/>).
/// </summary>
public sealed class TransformerEncoderLayer : nn.Module
{
    private readonly MultiHeadAttention selfAttention;
    private readonly SublayerConnection selfAttentionBlock;
    private readonly PositionwiseFeedForward feedForward;
    private readonly SublayerConnection feedForwardBlock;

    public TransformerEncoderLayer(string name, TransformerOptions options) : base(name)
    {
        var (d, p) = (options.ModelSize, options.Dropout);
        selfAttention = new MultiHeadAttention(nameof(selfAttention), d, options.Heads, FastDropout.Optional(p));
        selfAttentionBlock = new SublayerConnection(
            nameof(selfAttentionBlock), d, p, options.PreNorm, options.LayerNormEpsilon);
        feedForward = new PositionwiseFeedForward(nameof(feedForward), d, options.FeedForwardSize, p);
        feedForwardBlock = new SublayerConnection(
            nameof(feedForwardBlock), d, p, options.PreNorm, options.LayerNormEpsilon);
        RegisterComponents();
    }

    /// <param name="x">the source tokens [srcTokens, d]</param>
    /// <param name="layout">where the tokens sit in the padded batch [batch, srcLen]</param>
    /// <param name="sourceMask">additive key-padding mask [batch, 1, 1, srcLen]</param>
    /// <returns>[srcTokens, d]</returns>
    public Tensor forward(Tensor x, TokenLayout layout, Tensor sourceMask)
    {
        var (q, k, v) = selfAttention.ProjectSelf(selfAttentionBlock.Input(x), layout); // [batch, heads, srcLen, dHead]
        var (attended, _) = selfAttention.Attend(q, k, v, sourceMask, causal: false, withWeights: false, layout);
        x = selfAttentionBlock.Residual(x, attended);                                    // [srcTokens, d]
        return feedForwardBlock.Residual(x, feedForward.forward(feedForwardBlock.Input(x)));
    }
}
