using Seq2Seq.Models;
using Seq2Seq.Rnn;
using Seq2Seq.Transformer;

namespace Seq2Seq.Tests.Models;

/// <summary>Either architecture at a tiny size, for tests that run the same checks on both.</summary>
internal static class TinyModels
{
    /// <param name="architecture">"rnn" or "transformer"</param>
    /// <param name="vocabulary">source and target vocabulary size</param>
    /// <param name="dropout">the model's dropout</param>
    public static Seq2SeqModel Create(string architecture, int vocabulary, double dropout) => architecture switch
    {
        "rnn" => new RnnModel(
            new RnnOptions { EmbeddingSize = 16, HiddenSize = 24, AttentionSize = 20, Dropout = dropout },
            vocabulary, vocabulary),
        "transformer" => new TransformerModel(new TransformerOptions
        {
            ModelSize = 32, Heads = 4, EncoderLayers = 2, DecoderLayers = 2, FeedForwardSize = 64, Dropout = dropout,
        }, vocabulary, vocabulary),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Expected rnn or transformer."),
    };
}
