using Seq2Seq.Data;

namespace Seq2Seq.Rnn;

/// <summary>
/// Sizes of the recurrent baseline (<see cref="RnnModel"/>). The defaults are the shapes of the benchmark
/// specification: embeddings 256, hidden 256 per direction, attention 256, one encoder layer, dropout 0.3.
/// </summary>
public sealed record RnnOptions
{
    /// <summary>Size of the source and target word embeddings.</summary>
    public int EmbeddingSize { get; init; } = 256;

    /// <summary>LSTM hidden size: per direction in the encoder, and of the decoder.</summary>
    public int HiddenSize { get; init; } = 256;

    /// <summary>Size of the additive attention's hidden layer (the rows of W_h and W_s).</summary>
    public int AttentionSize { get; init; } = 256;

    /// <summary>Number of stacked bidirectional LSTM layers in the encoder.</summary>
    public int EncoderLayers { get; init; } = 1;

    /// <summary>Dropout on embeddings, between encoder layers and on the pre-output layer.</summary>
    public double Dropout { get; init; } = 0.3;

    /// <summary>Checks every value; the message names the offending key.</summary>
    public void Validate(string prefix = "rnn")
    {
        Require(EmbeddingSize > 0, $"{prefix}.embeddingSize", "a positive integer", EmbeddingSize);
        Require(HiddenSize > 0, $"{prefix}.hiddenSize", "a positive integer", HiddenSize);
        Require(AttentionSize > 0, $"{prefix}.attentionSize", "a positive integer", AttentionSize);
        Require(EncoderLayers > 0, $"{prefix}.encoderLayers", "a positive integer", EncoderLayers);
        Require(Dropout is >= 0 and < 1, $"{prefix}.dropout", "a number in [0, 1)", Dropout);
    }

    private static void Require(bool condition, string key, string expected, object actual)
    {
        if (!condition)
            throw new UserException($"{key}: expected {expected}, got {actual}");
    }
}
