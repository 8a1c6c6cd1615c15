using Seq2Seq.Data;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;
using static Seq2Seq.Tests.Transformer.TinyTransformer;

namespace Seq2Seq.Tests.Transformer;

public sealed class TransformerModelTests
{
    private static long ParameterCount(nn.Module model) => model.parameters().Sum(p => p.numel());

    [Fact]
    public void TheBenchmarkShapesHaveExactlyTheReferenceParameterCount()
    {
        // SPEC §2.2: nn.Transformer(256, 4, 3, 3, 1024, pre-LN) with two 8000-word embeddings, the output
        // projection tied to the target embedding (counted once) plus its own bias.
        using var model = new TransformerModel(new TransformerOptions(), 8000, 8000);

        Assert.Equal(9_634_624, ParameterCount(model));
    }

    [Fact]
    public void AnUntiedOutputProjectionAddsItsOwnWeight()
    {
        using var tied = Create();
        using var untied = Create(options: Options() with { TieTargetEmbedding = false });

        Assert.Equal(ParameterCount(tied) + TargetVocabulary * 16, ParameterCount(untied));
    }

    /// <summary>Whether a write into <paramref name="a"/> shows in <paramref name="b"/>: one tensor, two names.</summary>
    private static bool AreOneTensor(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
            a[5].fill_(0.25f);
        return b[5].eq(0.25f).all().item<bool>();
    }

    [Fact]
    public void TiedWeightsAreOneTensor()
    {
        using var tied = Create();
        using var untied = Create(options: Options() with { TieTargetEmbedding = false });

        Assert.True(AreOneTensor(tied.OutputWeight, tied.TargetEmbeddingWeight));
        Assert.False(AreOneTensor(untied.OutputWeight, untied.TargetEmbeddingWeight));
    }

    [Fact]
    public void PostNormStacksHaveNoFinalLayerNorm()
    {
        using var pre = Create(preNorm: true);
        using var post = Create(preNorm: false);

        Assert.Equal(ParameterCount(pre) - 2 * 2 * 16, ParameterCount(post));
    }

    [Fact]
    public void ForwardReturnsLogitsAndTheCrossAttentionOfEveryLayerAndHead()
    {
        using var model = Create();
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        var targetIn = TargetIn(Targets);

        var (logits, attention) = model.Forward(source, lengths, targetIn);

        Assert.Equal([3L, 5, TargetVocabulary], logits.shape);
        Assert.Equal([3L, 2, 2, 5, 8], attention!.shape);
        Assert.Equal((2, 2), (model.AttentionLayers, model.AttentionHeads));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChangingAFutureTargetTokenLeavesEarlierPositionsUnchanged(bool preNorm)
    {
        using var model = Create(preNorm);
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        var targetIn = TargetIn(Targets);
        var changed = targetIn.clone();
        changed[.., 3] = tensor(20L);

        var (logits, attention) = model.Forward(source, lengths, targetIn);
        var (changedLogits, changedAttention) = model.Forward(source, lengths, changed);

        Assert.True(changedLogits[.., ..3].allclose(logits[.., ..3], rtol: 0, atol: 1e-5));
        Assert.True(changedAttention![.., .., .., ..3].allclose(attention![.., .., .., ..3], rtol: 0, atol: 1e-5));
        Assert.False(changedLogits[.., 3..].allclose(logits[.., 3..], rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void ExtraSourcePaddingChangesNothingForRealTokens()
    {
        using var model = Create();
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        var (padded, _) = Source(Sources, extraPadding: 3);
        var targetIn = TargetIn(Targets);

        var (logits, attention) = model.Forward(source, lengths, targetIn);
        var (paddedLogits, paddedAttention) = model.Forward(padded, lengths, targetIn);

        Assert.True(paddedLogits.allclose(logits, rtol: 0, atol: 1e-5));
        Assert.True(paddedAttention![.., .., .., .., ..8].allclose(attention!, rtol: 0, atol: 1e-5));
        Assert.Equal(0f, paddedAttention[.., .., .., .., 8..].abs().sum().item<float>());
    }

    [Fact]
    public void TargetPaddingAndBatchingChangeNothingForRealTokens()
    {
        using var model = Create();
        using var scope = NewDisposeScope();
        long[][] targets = [[4, 5, 6, 7, 8, 9], [10, 11]];
        var (source, lengths) = Source(Sources[..2]);

        var (batched, _) = model.Forward(source, lengths, TargetIn(targets, extraPadding: 2));
        var (alone, _) = model.Forward(source[1..], lengths[1..], TargetIn([targets[1]]));

        Assert.True(batched[1, ..3].allclose(alone[0], rtol: 0, atol: 1e-5));
        // Padding positions are not computed: their logits are the output bias alone.
        var bias = model.get_parameter("outputBias")!;
        Assert.True(batched[1, 3..].equal(bias.expand_as(batched[1, 3..])).all().item<bool>());
    }

    [Fact]
    public void AttentionRowsSumToOneOverRealSourceTokensAndAreExactlyZeroOnPadding()
    {
        using var model = Create();
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);

        var (_, attention) = model.Forward(source, lengths, TargetIn(Targets));    // [3, 2, 2, 5, 8]

        Assert.True(attention!.sum(-1).allclose(ones(3, 2, 2, 5), rtol: 0, atol: 1e-5));
        long[] real = [6, 3, 8];
        for (int b = 0; b < 3; b++)
        {
            Assert.Equal(0f, attention[b, .., .., .., (int)real[b]..].abs().sum().item<float>());
            Assert.True(attention[b, .., .., .., ..(int)real[b]].gt(0).all().item<bool>());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FusedAndExplicitAttentionGiveTheSameLogits(bool preNorm)
    {
        using var model = Create(preNorm);
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources);
        var targetIn = TargetIn(Targets);

        var (fused, none) = model.Forward(source, lengths, targetIn, withAttention: false);
        var (explicitLogits, _) = model.Forward(source, lengths, targetIn, withAttention: true);

        Assert.Null(none);
        Assert.True(fused.allclose(explicitLogits, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalOutputs()
    {
        using var saved = Create(seed: 1);
        using var loaded = Create(seed: 2);
        var path = Path.Combine(Path.GetTempPath(), $"transformer-{Guid.NewGuid():N}.bin");
        try
        {
            using var scope = NewDisposeScope();
            var (source, lengths) = Source(Sources);
            var targetIn = TargetIn(Targets);
            var (expected, expectedAttention) = saved.Forward(source, lengths, targetIn);
            Assert.False(loaded.Forward(source, lengths, targetIn).Logits.allclose(expected));

            saved.save(path);
            loaded.load(path);

            var (actual, actualAttention) = loaded.Forward(source, lengths, targetIn);
            Assert.True(actual.equal(expected).all().item<bool>());
            Assert.True(actualAttention!.equal(expectedAttention!).all().item<bool>());
            Assert.True(AreOneTensor(loaded.OutputWeight, loaded.TargetEmbeddingWeight));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AModelBuiltInsideADisposeScopeOutlivesIt()
    {
        TransformerModel model;
        using (NewDisposeScope())
            model = Create();
        using (model)
        {
            using var scope = NewDisposeScope();
            var (source, lengths) = Source(Sources);

            var (logits, _) = model.Forward(source, lengths, TargetIn(Targets));

            Assert.True(logits.isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void TrainingStepsGiveGradientsToEveryParameterButTheSourcePaddingRowAndLowerTheLoss()
    {
        using var model = Create();
        model.train();
        var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        var (source, lengths) = Source(Sources);
        var targetIn = TargetIn(Targets);
        var targetOut = TargetOut(Targets);
        var losses = new List<float>();
        for (int step = 0; step < 30; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var (logits, _) = model.Forward(source, lengths, targetIn, withAttention: false);
            var loss = nn.functional.cross_entropy(logits.view(-1, TargetVocabulary), targetOut.view(-1),
                ignore_index: SpecialTokens.Pad);
            loss.backward();
            if (step == 0)
            {
                foreach (var (name, parameter) in model.named_parameters())
                {
                    var grad = parameter.grad;
                    Assert.True(grad is not null, name);
                    Assert.True(grad!.isfinite().all().item<bool>(), name);
                    Assert.True(grad.abs().sum().item<float>() > 0, name);
                }
                // The tied target embedding's padding row still learns as an output row (its logit).
                Assert.Equal(0f, model.get_parameter("sourceEmbedding.weight")!.grad![SpecialTokens.Pad]
                    .abs().sum().item<float>());
            }
            optimizer.step();
            losses.Add(loss.item<float>());
        }

        Assert.True(losses[^1] < losses[0] / 2, $"loss {losses[0]} → {losses[^1]}");
        optimizer.Dispose();
    }
}
