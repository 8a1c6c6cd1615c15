using Seq2Seq.Models;
using Seq2Seq.Rnn;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Models;

public sealed class RnnModelTests : ModelContractTests
{
    protected override Seq2SeqModel CreateModel() => new RnnModel(
        new RnnOptions { EmbeddingSize = 16, HiddenSize = 24, AttentionSize = 20, EncoderLayers = 2, Dropout = 0.1 },
        Vocabulary, Vocabulary);

    [Fact]
    public void BenchmarkShapesHaveThePyTorchReferenceParameterCount()
    {
        using var model = new RnnModel(new RnnOptions(), 8000, 8000);

        long parameters = model.parameters().Sum(p => p.numel());

        Assert.Equal(8_911_936, parameters);
    }

    [Fact]
    public void PackedEncoderMatchesEachSentenceEncodedAlone()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var model = (RnnModel)CreateModel();
        model.eval();
        var sentences = TinyData.Sequences(new Random(2), 4, Vocabulary, 1, 9);
        var (source, lengths) = TinyData.Source(sentences);
        var (targetIn, _) = TinyData.Target([[5, 6, 7], [5, 6, 7], [5, 6, 7], [5, 6, 7]]);

        var (batched, _) = model.Forward(source, lengths, targetIn);

        for (int b = 0; b < sentences.Length; b++)
        {
            var (single, singleLength) = TinyData.Source([sentences[b]]);
            var (alone, _) = model.Forward(single, singleLength, targetIn[b..(b + 1)]);
            Assert.True(alone[0].allclose(batched[b], rtol: 0, atol: 1e-5), $"sentence {b} differs");
        }
    }
}
