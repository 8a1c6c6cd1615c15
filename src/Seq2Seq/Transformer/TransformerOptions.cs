using Seq2Seq.Data;

namespace Seq2Seq.Transformer;

/// <summary>
/// The shape of a <see cref="TransformerModel"/>. The defaults are the benchmark model: Vaswani et al. 2017's base
/// Transformer scaled down to d_model 256, 4 heads, 3 + 3 layers and a 1024-wide feed-forward layer, with pre-LN
/// layers (Xiong et al. 2020) and the target embedding tied to the output projection (Press &amp; Wolf 2017).
/// A configuration file names these properties in camelCase (<c>modelSize</c>, <c>heads</c>, …).
/// </summary>
public sealed record TransformerOptions
{
    /// <summary>d_model, the width of embeddings and of every layer's input and output. Default 256.</summary>
    public int ModelSize { get; init; } = 256;

    /// <summary>Attention heads per attention layer; must divide <see cref="ModelSize"/>. Default 4.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Encoder layers. Default 3.</summary>
    public int EncoderLayers { get; init; } = 3;

    /// <summary>Decoder layers; each one's cross-attention is reported. Default 3.</summary>
    public int DecoderLayers { get; init; } = 3;

    /// <summary>d_ff, the inner width of the position-wise feed-forward layers. Default 1024.</summary>
    public int FeedForwardSize { get; init; } = 1024;

    /// <summary>Dropout on embeddings, sublayer outputs, attention weights and the feed-forward hidden layer.
    /// Default 0.1.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Layer normalisation before each sublayer (pre-LN, with a final LayerNorm on each stack) instead of
    /// after each residual connection (post-LN, as in the original paper). Default true.</summary>
    public bool PreNorm { get; init; } = true;

    /// <summary>Use the target embedding matrix as the weight of the output projection. Default true.</summary>
    public bool TieTargetEmbedding { get; init; } = true;

    /// <summary>The ε added to the variance in every LayerNorm. Default 1e-5.</summary>
    public double LayerNormEpsilon { get; init; } = 1e-5;

    /// <summary>Checks every value; throws a <see cref="UserException"/> naming the first bad key.</summary>
    /// <param name="prefix">how the section is named in messages, e.g. <c>models[1].transformer</c></param>
    public void Validate(string prefix = "transformer")
    {
        Require(ModelSize > 0, prefix, nameof(ModelSize), ModelSize, "a positive integer");
        Require(ModelSize % 2 == 0, prefix, nameof(ModelSize), ModelSize,
            "an even number (the positional encoding pairs a sine with a cosine)");
        Require(Heads > 0, prefix, nameof(Heads), Heads, "a positive integer");
        Require(ModelSize % Heads == 0, prefix, nameof(ModelSize), ModelSize,
            $"a multiple of {prefix}.{Key(nameof(Heads))} ({Heads})");
        Require(EncoderLayers > 0, prefix, nameof(EncoderLayers), EncoderLayers, "a positive integer");
        Require(DecoderLayers > 0, prefix, nameof(DecoderLayers), DecoderLayers, "a positive integer");
        Require(FeedForwardSize > 0, prefix, nameof(FeedForwardSize), FeedForwardSize, "a positive integer");
        Require(Dropout is >= 0 and < 1, prefix, nameof(Dropout), Dropout, "a number in [0, 1)");
        Require(LayerNormEpsilon > 0 && double.IsFinite(LayerNormEpsilon), prefix, nameof(LayerNormEpsilon),
            LayerNormEpsilon, "a positive number");
    }

    private static void Require(bool condition, string prefix, string property, object value, string expected)
    {
        if (!condition)
            throw new UserException($"{prefix}.{Key(property)}: expected {expected}, got {value}");
    }

    /// <summary>The configuration key of a property: its name in camelCase.</summary>
    private static string Key(string property) => char.ToLowerInvariant(property[0]) + property[1..];
}
