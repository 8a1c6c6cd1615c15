using Seq2Seq.Data;
using Seq2Seq.Tests.Models;
using Seq2Seq.Train.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

public sealed class BlockwiseVocabularyLossTests
{
    private const int Vocabulary = 24;

    public static TheoryData<string, double> Cases => new() { { "rnn", 0.1 }, { "transformer", 0.1 }, { "rnn", 0.0 } };

    /// <summary>Blocks of 4 rows over 9 sentences' tokens (the last block shorter) give the loss and every gradient
    /// of the whole-batch (label-smoothed) cross-entropy of torch.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void BlocksGiveTheLossAndGradientsOfTheWholeBatch(string architecture, double labelSmoothing)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var model = TinyModels.Create(architecture, Vocabulary, dropout: 0);
        model.train();
        var random = new Random(4);
        var (source, lengths) = TinyData.Source(TinyData.Sequences(random, 9, Vocabulary, 2, 7));
        var (targetIn, targetOut) = TinyData.Target(TinyData.Sequences(random, 9, Vocabulary, 2, 7));
        var targets = targetOut[targetIn.ne(SpecialTokens.Pad)];                    // [tokens]
        Assert.NotEqual(0, targets.shape[0] % 4);

        var whole = nn.functional.cross_entropy(
            model.Project(model.TargetFeatures(source, lengths, targetIn)), targets, label_smoothing: labelSmoothing);
        whole.backward();
        var expected = model.parameters().Select(p => p.grad!.clone()).ToArray();
        model.zero_grad();

        var loss = new BlockwiseVocabularyLoss(model, labelSmoothing, maxBlockElements: 4 * Vocabulary)
            .Backward(model.TargetFeatures(source, lengths, targetIn), targets);

        Assert.Equal(whole.item<float>(), loss, 1e-6);
        var actual = model.parameters().Select(p => p.grad!).ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(actual[i].allclose(expected[i], rtol: 1e-5, atol: 1e-7),
                $"parameter {i}: largest difference {(actual[i] - expected[i]).abs().max().item<float>()}");
    }
}
