using TorchSharp;
using Seq2Seq.Attention;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// One encoder layer, Vaswani et al. 2017, §3.1: multi-head self-attention, then a position-wise feed-forward
/// network, each wrapped in a residual connection with layer normalisation (pre-LN or post-LN).
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
        selfAttention = new MultiHeadAttention(nameof(selfAttention), d, options.Heads, p);
        selfAttentionBlock = new SublayerConnection(
            nameof(selfAttentionBlock), d, p, options.PreNorm, options.LayerNormEpsilon);
        feedForward = new PositionwiseFeedForward(nameof(feedForward), d, options.FeedForwardSize, p);
        feedForwardBlock = new SublayerConnection(
            nameof(feedForwardBlock), d, p, options.PreNorm, options.LayerNormEpsilon);
        RegisterComponents();
    }

    /// <param name="x">[batch, srcLen, d]</param>
    /// <param name="sourceMask">additive key-padding mask [batch, 1, 1, srcLen]</param>
    /// <returns>[batch, srcLen, d]</returns>
    public Tensor forward(Tensor x, Tensor sourceMask)
    {
        var (q, k, v) = selfAttention.ProjectSelf(selfAttentionBlock.Input(x));   // [batch, heads, srcLen, dHead]
        var (attended, _) = selfAttention.Attend(q, k, v, sourceMask, causal: false, withWeights: false);
        x = selfAttentionBlock.Residual(x, attended);                              // [batch, srcLen, d]
        return feedForwardBlock.Residual(x, feedForward.forward(feedForwardBlock.Input(x)));
    }
}
