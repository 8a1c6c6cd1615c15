using Seq2Seq.Models;
using Seq2Seq.Transformer;

namespace Seq2Seq.Tests.Models;

public sealed class PreNormTransformerContractTests : ModelContractTests
{
    protected override Seq2SeqModel CreateModel() => new TransformerModel(
        new TransformerOptions { ModelSize = 32, Heads = 4, EncoderLayers = 2, DecoderLayers = 2, FeedForwardSize = 64 },
        Vocabulary, Vocabulary);

    protected override double OverfitLearningRate => 0.003;
}

public sealed class PostNormTransformerContractTests : ModelContractTests
{
    protected override Seq2SeqModel CreateModel() => new TransformerModel(
        new TransformerOptions
        {
            ModelSize = 32, Heads = 2, EncoderLayers = 2, DecoderLayers = 2, FeedForwardSize = 64, PreNorm = false,
            TieTargetEmbedding = false,
        },
        Vocabulary, Vocabulary);

    protected override double OverfitLearningRate => 0.003;
}
