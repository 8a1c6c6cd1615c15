using Seq2Seq.Rnn;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Models;

public sealed class BidirectionalLstmKernelTests
{
    private static readonly long[] Lengths = [5, 1, 7, 3, 7];

    /// <summary>Equals LibTorch's packed LSTM: the outputs (0 after each sentence's end) and the final states of every
    /// layer and direction; sentences in no particular order, one of length 1, a hidden size that fills vectors of
    /// eight floats and one that does not, one and two layers.</summary>
    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 12)]
    public void EqualsThePackedLstm(int layers, int hidden)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (lstm, input, lengths) = Setup(layers, hidden);
        Assert.True(BidirectionalLstmKernel.Suits(lstm));

        var (output, finalHidden, finalCell) = BidirectionalLstmKernel.Forward(lstm, input, lengths);

        var packed = nn.utils.rnn.pack_padded_sequence(input, lengths, batch_first: true, enforce_sorted: false);
        var (packedOutput, expectedHidden, expectedCell) = lstm.call(packed);
        var (expected, _) = nn.utils.rnn.pad_packed_sequence(packedOutput, batch_first: true, total_length: 7);
        Assert.Equal(expected.shape, output.shape);
        Assert.True(output.allclose(expected, rtol: 1e-5, atol: 1e-6));
        Assert.True(finalHidden.allclose(expectedHidden, rtol: 1e-5, atol: 1e-6));
        Assert.True(finalCell.allclose(expectedCell, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TakesOnlyEvaluationWithoutGradientsOnOneThread()
    {
        using var scope = NewDisposeScope();
        var (lstm, _, _) = Setup(1, 8);
        using (no_grad())
        {
            Assert.True(BidirectionalLstmKernel.Suits(lstm));
            TestSetup.WithThreads(2, () => Assert.False(BidirectionalLstmKernel.Suits(lstm)));
            lstm.train();
            Assert.False(BidirectionalLstmKernel.Suits(lstm));
            lstm.eval();
        }
        Assert.False(BidirectionalLstmKernel.Suits(lstm));
    }

    [Fact]
    public void RefusesLengthsOutsideTheSentences()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (lstm, input, _) = Setup(1, 8);

        Assert.Throws<ArgumentException>(() =>
            BidirectionalLstmKernel.Forward(lstm, input, tensor(new long[] { 5, 1, 8, 3, 7 })));
        Assert.Throws<ArgumentException>(() =>
            BidirectionalLstmKernel.Forward(lstm, input, tensor(new long[] { 5, 0, 7, 3, 7 })));
    }

    private static (TorchSharp.Modules.LSTM Lstm, Tensor Input, Tensor Lengths) Setup(int layers, int hidden)
    {
        manual_seed(9);
        var lstm = nn.LSTM(10, hidden, layers, batchFirst: true, bidirectional: true);
        lstm.eval();
        var input = randn(Lengths.Length, 7, 10);
        return (lstm, input, tensor(Lengths));
    }
}
