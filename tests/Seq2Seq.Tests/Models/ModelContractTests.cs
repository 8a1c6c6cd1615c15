using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Models;

/// <summary>
/// Invariants every architecture must satisfy through the shared model contract; each architecture runs them
/// through a subclass that says how to build a tiny instance.
/// </summary>
public abstract class ModelContractTests
{
    protected const int Vocabulary = 24;

    /// <summary>A tiny model with source and target vocabularies of <see cref="Vocabulary"/> ids.</summary>
    protected abstract Seq2SeqModel CreateModel();

    /// <summary>Adam's learning rate for the overfitting test.</summary>
    protected virtual double OverfitLearningRate => 0.01;

    private Seq2SeqModel CreateSeeded(int seed = 1)
    {
        manual_seed(seed);
        var model = CreateModel();
        model.eval();
        return model;
    }

    [Fact]
    public void AttentionRowsSumToOneAndPaddingGetsExactlyZero()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded();
        var random = new Random(3);
        var sources = TinyData.Sequences(random, 4, Vocabulary, 2, 7);
        var (source, lengths) = TinyData.Source(sources, width: 10);
        var (targetIn, _) = TinyData.Target(TinyData.Sequences(random, 4, Vocabulary, 2, 6));

        var (_, attention) = model.Forward(source, lengths, targetIn);

        Assert.Equal(new long[] { 4, model.AttentionLayers, model.AttentionHeads, targetIn.shape[1], 10 }, attention!.shape);
        var padding = source.eq(SpecialTokens.Pad).view(4, 1, 1, 1, 10).expand_as(attention);
        Assert.Equal(0f, attention.masked_select(padding).abs().max().item<float>());
        Assert.True(attention.sum(-1).allclose(ones_like(attention.sum(-1)), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void ExtraSourcePaddingChangesNothing()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded();
        var random = new Random(4);
        var sources = TinyData.Sequences(random, 3, Vocabulary, 2, 6);
        var (targetIn, _) = TinyData.Target(TinyData.Sequences(random, 3, Vocabulary, 2, 6));
        var (tight, lengths) = TinyData.Source(sources);
        var (padded, _) = TinyData.Source(sources, width: (int)tight.shape[1] + 5);

        var (logits, attention) = model.Forward(tight, lengths, targetIn);
        var (paddedLogits, paddedAttention) = model.Forward(padded, lengths, targetIn);

        Assert.True(logits.allclose(paddedLogits, rtol: 0, atol: 1e-5));
        var realColumns = paddedAttention![.., .., .., .., ..(int)tight.shape[1]];
        Assert.True(attention!.allclose(realColumns, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void ProjectedTargetFeaturesAreTheForwardLogitsOfTheRealPositions()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded();
        var random = new Random(13);
        var (source, lengths) = TinyData.Source(TinyData.Sequences(random, 4, Vocabulary, 2, 7));
        var (targetIn, _) = TinyData.Target(TinyData.Sequences(random, 4, Vocabulary, 1, 6));

        var (logits, _) = model.Forward(source, lengths, targetIn, withAttention: false);
        var projected = model.Project(model.TargetFeatures(source, lengths, targetIn));

        var real = targetIn.ne(SpecialTokens.Pad);
        Assert.Equal(real.sum().item<long>(), projected.shape[0]);
        Assert.True(projected.allclose(logits[real], rtol: 0, atol: 1e-5));
    }

    /// <summary>With gradients recorded (scheduled sampling) and without (searches, which may take layers prepared
    /// for decoding).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StepByStepDecodingEqualsTheTeacherForcedForward(bool recordGradients)
    {
        using var scope = NewDisposeScope();
        using var gradientMode = recordGradients ? enable_grad() : no_grad();
        var model = CreateSeeded();
        var random = new Random(5);
        var (source, lengths) = TinyData.Source(TinyData.Sequences(random, 3, Vocabulary, 2, 7));
        var (targetIn, _) = TinyData.Target(TinyData.Sequences(random, 3, Vocabulary, 3, 6));

        var (logits, attention) = model.Forward(source, lengths, targetIn);
        using var state = model.StartDecoding(source, lengths);
        for (int t = 0; t < targetIn.shape[1]; t++)
        {
            var (stepLogits, stepAttention) = model.Step(state, targetIn[.., t]);
            var real = targetIn[.., t].ne(SpecialTokens.Pad);   // what Forward returns at padding is unspecified
            Assert.True(stepLogits[real].allclose(logits[.., t][real], rtol: 0, atol: 1e-5), $"logits differ at step {t}");
            Assert.True(stepAttention[real].allclose(attention![.., .., .., t][real], rtol: 0, atol: 1e-5),
                $"attention differs at step {t}");
        }
    }

    /// <summary>Training that decodes step by step (scheduled sampling) must reach every parameter exactly as the
    /// teacher-forced forward does when it is fed the gold tokens.</summary>
    [Fact]
    public void StepByStepDecodingGivesTheTeacherForcedGradients()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded();
        var random = new Random(8);
        var (source, lengths) = TinyData.Source(TinyData.Sequences(random, 3, Vocabulary, 2, 7));
        var (targetIn, targetOut) = TinyData.Target(TinyData.Sequences(random, 3, Vocabulary, 3, 6));

        var forced = Gradients(() => model.Forward(source, lengths, targetIn, withAttention: false).Logits);
        var stepped = Gradients(() =>
        {
            using var state = model.StartDecoding(source, lengths);
            return stack(Enumerable.Range(0, (int)targetIn.shape[1])
                .Select(t => model.Step(state, targetIn[.., t]).Logits), 1);     // [batch, tgtLen, vocab]
        });

        foreach (var (name, gradient) in forced)
            Assert.True(gradient.allclose(stepped[name], rtol: 1e-4, atol: 1e-6), $"{name}: gradients differ");

        Dictionary<string, Tensor> Gradients(Func<Tensor> logits)
        {
            model.zero_grad();
            var output = logits();
            nn.functional.cross_entropy(output.view(-1, Vocabulary), targetOut.view(-1),
                ignore_index: SpecialTokens.Pad).backward();
            return model.named_parameters()
                .ToDictionary(p => p.name, p => p.parameter.grad?.clone() ?? zeros_like(p.parameter));
        }
    }

    [Fact]
    public void ReorderedStateContinuesLikeAStateBuiltForTheReorderedRows()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded();
        var random = new Random(6);
        var (source, lengths) = TinyData.Source(TinyData.Sequences(random, 2, Vocabulary, 3, 6));
        var prefix = tensor(new long[] { 2, 2, 2, 2, 2, 2 });
        var second = tensor(new long[] { 5, 6, 7, 8, 9, 10 });

        // Three hypotheses per sentence; after two steps, rows are reordered within each sentence.
        using var state = model.StartDecoding(source, lengths, repeat: 3);
        model.Step(state, prefix);
        model.Step(state, second);
        var order = tensor(new long[] { 2, 2, 0, 4, 3, 3 });
        state.Reorder(order);
        var (logits, _) = model.Step(state, prefix);

        using var reference = model.StartDecoding(source, lengths, repeat: 3);
        model.Step(reference, prefix);
        model.Step(reference, second.index_select(0, order));
        var (expected, _) = model.Step(reference, prefix);

        Assert.True(logits.allclose(expected, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void BeamOfOneEqualsGreedy()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded(seed: 2);
        var (source, lengths) = TinyData.Source(TinyData.Sequences(new Random(7), 5, Vocabulary, 2, 8));
        var options = new DecodingOptions { MaxLengthRatio = 1.0, MaxLengthOffset = 3 };

        var greedy = GreedySearch.Decode(model, source, lengths, options);
        var beam = BeamSearch.Decode(model, source, lengths, beamSize: 1, options);

        for (int b = 0; b < greedy.Count; b++)
        {
            Assert.Equal(greedy[b].Tokens, beam[b][0].Tokens);
            Assert.Equal(greedy[b].LogProbability, beam[b][0].LogProbability, 1e-4);
        }
    }

    [Fact]
    public void BeamResultsDoNotDependOnTheBatch()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded(seed: 3);
        var sentences = TinyData.Sequences(new Random(8), 4, Vocabulary, 2, 8);
        var options = new DecodingOptions { MaxLengthRatio = 1.0, MaxLengthOffset = 3, NBest = 3 };

        var (source, lengths) = TinyData.Source(sentences);
        var together = BeamSearch.Decode(model, source, lengths, beamSize: 4, options);

        for (int b = 0; b < sentences.Length; b++)
        {
            var (single, singleLength) = TinyData.Source([sentences[b]]);
            var alone = BeamSearch.Decode(model, single, singleLength, beamSize: 4, options)[0];
            Assert.Equal(alone.Count, together[b].Count);
            for (int n = 0; n < alone.Count; n++)
            {
                Assert.Equal(alone[n].Tokens, together[b][n].Tokens);
                Assert.Equal(alone[n].Score, together[b][n].Score, 1e-4);
            }
        }
    }

    [Fact]
    public void BeamSearchFindsAtLeastTheGreedyScore()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded(seed: 4);
        var (source, lengths) = TinyData.Source(TinyData.Sequences(new Random(9), 6, Vocabulary, 2, 8));
        var options = new DecodingOptions { MaxLengthRatio = 1.0, MaxLengthOffset = 3, LengthPenalty = 0 };

        var greedy = GreedySearch.Decode(model, source, lengths, options);
        var beam = BeamSearch.Decode(model, source, lengths, beamSize: 5, options);

        for (int b = 0; b < greedy.Count; b++)
            Assert.True(beam[b][0].Score >= greedy[b].Score - 1e-4, $"sentence {b}: beam {beam[b][0].Score} < greedy {greedy[b].Score}");
    }

    [Fact]
    public void OverfitsTwentyPairsUntilGreedyReproducesEveryTarget()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var model = CreateModel();
        var random = new Random(12);
        var sources = TinyData.Sequences(random, 20, Vocabulary, 3, 7);
        var targets = TinyData.Sequences(random, 20, Vocabulary, 3, 7);
        var (source, lengths) = TinyData.Source(sources);
        var (targetIn, targetOut) = TinyData.Target(targets);
        var optimizer = optim.Adam(model.parameters(), lr: OverfitLearningRate);

        const int budget = 400;
        IReadOnlyList<Hypothesis> decoded = [];
        for (int step = 1; step <= budget; step++)
        {
            using (var stepScope = NewDisposeScope())
            {
                model.train();
                var (logits, _) = model.Forward(source, lengths, targetIn, withAttention: false);
                var loss = nn.functional.cross_entropy(logits.view(-1, Vocabulary), targetOut.view(-1),
                    ignore_index: SpecialTokens.Pad);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            if (step % 50 != 0)
                continue;
            model.eval();
            decoded = GreedySearch.Decode(model, source, lengths, new DecodingOptions());
            if (decoded.Select(h => h.Tokens).SequenceEqual(targets, new SequenceComparer()))
                break;
        }

        for (int b = 0; b < targets.Length; b++)
            Assert.Equal(targets[b], decoded[b].Tokens);
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalOutputs()
    {
        using var scope = NewDisposeScope();
        var model = CreateSeeded(seed: 5);
        var random = new Random(10);
        var (source, lengths) = TinyData.Source(TinyData.Sequences(random, 3, Vocabulary, 2, 6));
        var (targetIn, _) = TinyData.Target(TinyData.Sequences(random, 3, Vocabulary, 2, 6));
        string path = Path.GetTempFileName();
        try
        {
            model.save(path);
            var loaded = CreateSeeded(seed: 99);
            loaded.load(path);

            var (expected, _) = model.Forward(source, lengths, targetIn);
            var (actual, _) = loaded.Forward(source, lengths, targetIn);
            Assert.True(expected.eq(actual).all().item<bool>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class SequenceComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(int[] obj) => obj.Length;
    }
}
