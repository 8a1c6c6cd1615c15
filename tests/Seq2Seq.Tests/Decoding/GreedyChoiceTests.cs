using Seq2Seq.Data;
using Seq2Seq.Decoding;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

public sealed class GreedyChoiceTests
{
    /// <summary>The chosen token is the argmax, and both log-probabilities are log-softmax's; for vocabularies that
    /// fill whole vectors of eight and that do not, and for float64 logits (LibTorch's operations).</summary>
    [Theory]
    [InlineData(8000, ScalarType.Float32)]
    [InlineData(37, ScalarType.Float32)]
    [InlineData(5, ScalarType.Float32)]
    [InlineData(37, ScalarType.Float64)]
    public void EqualsLogSoftmaxAndArgmax(int vocabulary, ScalarType type)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var logits = (randn(9, vocabulary) * 4).to(type);

        var (best, bestLogProbability, eosLogProbability) = GreedyChoice.Of(logits);

        var logProbabilities = logits.to(ScalarType.Float64).log_softmax(-1);
        Assert.Equal(logits.argmax(-1).data<long>().ToArray(), best);
        for (int r = 0; r < 9; r++)
        {
            Assert.Equal(logProbabilities[r, best[r]].item<double>(), bestLogProbability[r], 1e-5);
            Assert.Equal(logProbabilities[r, SpecialTokens.Eos].item<double>(), eosLogProbability[r], 1e-5);
        }
    }

    [Fact]
    public void TheFirstOfEqualMaximaWins()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 20);
        logits[0, 3] = 2;
        logits[0, 17] = 2;
        logits[1, 11] = 1;
        logits[1, 12] = 1;

        var (best, bestLogProbability, _) = GreedyChoice.Of(logits);

        Assert.Equal([3L, 11L], best);
        Assert.Equal(2 - Math.Log(18 + 2 * Math.Exp(2)), bestLogProbability[0], 1e-6);
    }

    [Fact]
    public void ReadsARowView()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var wide = randn(3, 50);
        var logits = wide[.., 10..];                                           // not contiguous

        Assert.Equal(logits.argmax(-1).data<long>().ToArray(), GreedyChoice.Of(logits).Best);
    }
}
