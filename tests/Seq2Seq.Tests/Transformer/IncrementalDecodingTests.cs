using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Transformer;
using static TorchSharp.torch;
using static Seq2Seq.Tests.Transformer.TinyTransformer;

namespace Seq2Seq.Tests.Transformer;

public sealed class IncrementalDecodingTests
{
    /// <summary>Feeds the given tokens one step at a time, each step in its own dispose scope as a search would.</summary>
    /// <param name="tokens">[rows, steps]</param>
    /// <returns>the logits [rows, steps, V] and cross-attention [rows, layers, heads, steps, srcLen] of the steps</returns>
    private static (Tensor Logits, Tensor Attention) Feed(TransformerModel model, DecoderState state, Tensor tokens)
    {
        var logits = new List<Tensor>();
        var attention = new List<Tensor>();
        for (int t = 0; t < tokens.shape[1]; t++)
        {
            using var step = NewDisposeScope();
            var (stepLogits, stepAttention) = model.Step(state, tokens[.., t]);
            logits.Add(stepLogits.MoveToOuterDisposeScope());
            attention.Add(stepAttention.MoveToOuterDisposeScope());
        }
        return (stack(logits, 1), stack(attention, 3));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StepsFedTheGoldTokensEqualTheTeacherForcedForward(bool preNorm)
    {
        using var model = Create(preNorm);
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        var targetIn = TargetIn(Targets);
        var (expectedLogits, expectedAttention) = model.Forward(source, lengths, targetIn);

        using var state = model.StartDecoding(source, lengths);
        var (logits, attention) = Feed(model, state, targetIn);

        Assert.Equal(5, state.Steps);
        Assert.Equal(3, state.Rows);
        Assert.True(logits.allclose(expectedLogits, rtol: 0, atol: 1e-5));
        Assert.True(attention.allclose(expectedAttention!, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void RepeatedRowsDecodeLikeTheirSentence()
    {
        using var model = Create();
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        var targetIn = TargetIn(Targets);
        var (expectedLogits, expectedAttention) = model.Forward(source, lengths, targetIn);

        using var state = model.StartDecoding(source, lengths, repeat: 2);
        var (logits, attention) = Feed(model, state, targetIn.repeat_interleave(2, dim: 0));

        Assert.Equal(6, state.Rows);
        Assert.True(logits.allclose(expectedLogits.repeat_interleave(2, dim: 0), rtol: 0, atol: 1e-5));
        Assert.True(attention.allclose(expectedAttention!.repeat_interleave(2, dim: 0), rtol: 0, atol: 1e-5));
    }

    /// <summary>
    /// Decodes two steps with 3 rows per sentence, each row with its own tokens, reorders the rows, then decodes two
    /// more steps. The result must equal a state built directly for the reordered rows (one row per sentence) fed the
    /// reordered token histories.
    /// </summary>
    [Theory]
    [InlineData(new long[] { 2, 0, 0, 4, 5, 3, 6, 8, 7 })]  // within each sentence's rows (beam search)
    [InlineData(new long[] { 3, 0, 8, 1 })]                 // across sentences, dropping rows
    [InlineData(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 })]  // identity
    public void AReorderedStateContinuesLikeAStateBuiltForTheReorderedRows(long[] order)
    {
        const int repeat = 3;
        using var model = Create();
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        var history = tensor(new long[] { 2, 2, 2, 2, 2, 2, 2, 2, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13 }, [2, 9]).t();
        var rows = tensor(order);
        var future = (arange(2L * order.Length).view(-1, 2) % 18) + 4;        // [newRows, 2]
        var sentences = rows.div(repeat, RoundingMode.floor);

        using var state = model.StartDecoding(source, lengths, repeat);
        Feed(model, state, history);
        state.Reorder(rows);
        var (logits, attention) = Feed(model, state, future);

        using var expectedState = model.StartDecoding(source.index_select(0, sentences),
            lengths.index_select(0, sentences));
        Feed(model, expectedState, history.index_select(0, rows));
        var (expectedLogits, expectedAttention) =
            Feed(model, expectedState, future);

        Assert.Equal(order.Length, state.Rows);
        Assert.Equal(4, state.Steps);
        Assert.True(logits.allclose(expectedLogits, rtol: 0, atol: 1e-5));
        Assert.True(attention.allclose(expectedAttention, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void AReorderWithinSentencesKeepsOneCopyOfEachSentencesMemory()
    {
        using var model = Create();
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        using var state = (TransformerDecoderState)model.StartDecoding(source, lengths, repeat: 3);

        state.Reorder(tensor(new long[] { 2, 0, 0, 4, 5, 3, 6, 8, 7 }));
        Assert.Equal((3L, 3L), (state.Groups, state.RowsPerGroup));

        state.Reorder(tensor(new long[] { 0, 3, 6 }));
        Assert.Equal((3L, 1L), (state.Groups, state.RowsPerGroup));
    }

    [Fact]
    public void DecodingContinuesBeyondThePositionalTableWithoutALimit()
    {
        using var model = Create();
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources[..1]);
        var targetIn = cat([tensor(new long[] { SpecialTokens.Bos }), arange(4, 304) % 18 + 4]).unsqueeze(0);
        var (expected, _) = model.Forward(source, lengths, targetIn);      // 301 positions

        using var state = model.StartDecoding(source, lengths);
        var (logits, _) = Feed(model, state, targetIn);

        Assert.True(logits.allclose(expected, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void StepRejectsAnotherModelsStateAndMisshapenTokens()
    {
        using var model = Create();
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        using var state = model.StartDecoding(source, lengths);

        Assert.Throws<ArgumentException>(() => model.Step(state, tensor(new long[] { 2, 2 })));
        Assert.Throws<ArgumentException>(() => model.Step(new ForeignState(), tensor(new long[] { 2 })));
    }

    private sealed class ForeignState() : DecoderState(new VocabularyProjection(zeros(1, 1), null))
    {
        public override long Rows => 1;

        public override void Reorder(Tensor rows)
        {
        }

        protected override IEnumerable<Tensor> OwnedTensors() => [];
    }
}
