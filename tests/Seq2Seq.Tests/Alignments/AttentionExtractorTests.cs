using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Alignments;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Alignments;

public sealed class AttentionExtractorTests : IDisposable
{
    private readonly TinyRun _run = new();

    public void Dispose() => _run.Dispose();

    [Theory]
    [InlineData(TinyRun.Rnn, 1, 1)]
    [InlineData(TinyRun.Transformer, 2, 2)]
    public void WordMatricesHaveOneRowPerTargetWordSummingToOneOverSourceWordsAndEos(string name, int layers, int heads)
    {
        using Seq2SeqModel model = _run.Load(name);
        var pairs = TinyRun.Pairs.Take(5).ToList();
        var extractor = new AttentionExtractor(model, _run.Codecs, batchSentences: 2);

        var sentences = extractor.Extract(pairs).ToList();

        Assert.Equal(pairs.Count, sentences.Count);
        // The tiny BPE splits words, so the merge is exercised: some word of the batch has several pieces.
        Assert.Contains(sentences, s => s.Source.Pieces.Count > s.Source.Words.Count + 1);
        foreach (SentenceAttention sentence in sentences)
        {
            Assert.Equal([layers, heads, sentence.Target.Ids.Length + 1, sentence.Source.Ids.Length + 1],
                new[] { 0, 1, 2, 3 }.Select(sentence.Steps.GetLength));
            var matrices = sentence.WordMatrices(name);
            Assert.Equal(layers == 1 ? 2 : layers * (heads + 1) * 2, matrices.Count);
            Assert.Equal(2, matrices.Select(m => m.Convention).Distinct().Count());
            foreach (AlignmentMatrix matrix in matrices)
            {
                Assert.Equal(name, matrix.Model);
                Assert.Equal([.. sentence.Source.Words, "</s>"], matrix.SourceTokens);
                Assert.Equal(sentence.Target.Words, matrix.TargetTokens);
                for (int t = 0; t < matrix.TargetTokens.Count; t++)
                {
                    float sum = 0;
                    for (int s = 0; s < matrix.SourceTokens.Count; s++)
                    {
                        Assert.InRange(matrix.Weights[t, s], 0f, 1f);
                        sum += matrix.Weights[t, s];
                    }
                    Assert.Equal(1f, sum, 5);
                }
            }
        }
    }

    [Theory]
    [InlineData(TinyRun.Rnn)]
    [InlineData(TinyRun.Transformer)]
    public void ForcedDecodingGivesExactlyTheTeacherForcedAttentionOfTheModel(string name)
    {
        using Seq2SeqModel model = _run.Load(name);
        var pairs = TinyRun.Pairs.Skip(3).Take(3).ToList();
        var extractor = new AttentionExtractor(model, _run.Codecs, batchSentences: 3);
        var segmented = extractor.Segment(pairs);

        var sentences = extractor.Extract(pairs).ToList();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using Batch batch = BatchBuilder.Build([0, 1, 2], [.. segmented.Select(p => p.Source.Ids)],
            [.. segmented.Select(p => p.Target.Ids)]);
        var (_, attention) = model.Forward(batch.Source, batch.SourceLengths, batch.TargetIn);   // [3, L, H, T, S]
        for (int b = 0; b < 3; b++)
        {
            Assert.Equal(pairs[b].Source, sentences[b].Source.Text);
            Assert.Equal(segmented[b].Target.Ids, sentences[b].Target.Ids);
            float[,,,] steps = sentences[b].Steps;
            for (int l = 0; l < steps.GetLength(0); l++)
                for (int h = 0; h < steps.GetLength(1); h++)
                    for (int t = 0; t < steps.GetLength(2); t++)
                        for (int s = 0; s < steps.GetLength(3); s++)
                            Assert.Equal(attention![b, l, h, t, s].item<float>(), steps[l, h, t, s]);
        }
    }

    [Theory]
    [InlineData(TinyRun.Rnn)]
    [InlineData(TinyRun.Transformer)]
    public void BatchingDoesNotChangeTheAttention(string name)
    {
        using Seq2SeqModel model = _run.Load(name);
        var pairs = TinyRun.Pairs.Take(4).ToList();

        var batched = new AttentionExtractor(model, _run.Codecs, batchSentences: 4).Extract(pairs).ToList();
        var alone = new AttentionExtractor(model, _run.Codecs, batchSentences: 1).Extract(pairs).ToList();

        for (int i = 0; i < pairs.Count; i++)
        {
            Assert.Equal(alone[i].Steps.Length, batched[i].Steps.Length);
            var (a, b) = (alone[i].Steps.Cast<float>().ToArray(), batched[i].Steps.Cast<float>().ToArray());
            for (int k = 0; k < a.Length; k++)
                Assert.Equal(a[k], b[k], 1e-6f);
        }
    }

    [Fact]
    public void RestoresTrainingModeAndRejectsASentenceWithoutWords()
    {
        using Seq2SeqModel model = _run.Load(TinyRun.Rnn);
        model.train();
        var extractor = new AttentionExtractor(model, _run.Codecs);

        _ = extractor.Extract([TinyRun.Pairs[0]]).ToList();

        Assert.True(model.training);
        Assert.Throws<ArgumentException>(() => extractor.Extract([new SentencePair("  ", "Bonjour.")]));
    }

    // Source "ab c" and target "x yz" with no BPE merges: every byte is a piece, and a space piece belongs to the word
    // after it. Source pieces a b Ġ c → words ab = {a, b}, c = {Ġ, c}, then </s>; target pieces x Ġ y z → words
    // x = {x}, yz = {Ġ, y, z}. Step t (input y_t) attends only to source position t: a, b, Ġ, c, </s> for t = 0..4.
    private static SentenceAttention HandMade()
    {
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(["ab c", "x yz"], merges: 0));
        var codec = new SentenceCodec(tokenizer,
            Vocabulary.Build([tokenizer.Encode("ab c x yz").Pieces.Select(p => p.Value)]));
        var source = SegmentedSentence.Create(codec, "ab c", WordTokenization.Words);
        var target = SegmentedSentence.Create(codec, "x yz", WordTokenization.Words);
        Assert.Equal(["a", "b", " ", "c"], source.Pieces);
        Assert.Equal(["x", " ", "y", "z"], target.Pieces);
        var steps = new float[1, 1, 5, 5];
        for (int t = 0; t < 5; t++)
            steps[0, 0, t, t] = 1;
        return new SentenceAttention(source, target, steps);
    }

    [Fact]
    public void NaiveGivesEachTargetPieceTheRowOfTheStepThatPredictsIt()
    {
        // Pieces x Ġ y z take rows 0..3 (attending to a, b, Ġ, c): x → ab; yz = mean(b, Ġ, c) → ab ⅓, c ⅔.
        AlignmentMatrix matrix = HandMade().WordMatrix(new AlignmentConfiguration(null, null, AttentionConvention.Naive));

        AssertRows(new[,] { { 1f, 0f, 0f }, { 1f / 3, 2f / 3, 0f } }, matrix.Weights);
        Assert.Equal(["ab", "c", "</s>"], matrix.SourceTokens);
        Assert.Equal(["x", "yz"], matrix.TargetTokens);
    }

    [Fact]
    public void ShiftedGivesEachTargetPieceTheRowOfTheStepWhoseInputItIs()
    {
        // Pieces x Ġ y z take rows 1..4 (attending to b, Ġ, c, </s>): x → ab; yz = mean(Ġ, c, </s>) → c ⅔, </s> ⅓.
        var attention = HandMade();
        AlignmentMatrix matrix = attention.WordMatrix(new AlignmentConfiguration(null, null, AttentionConvention.Shifted));

        AssertRows(new[,] { { 1f, 0f, 0f }, { 0f, 2f / 3, 1f / 3 } }, matrix.Weights);
        Assert.Equal([new AlignmentLink(0, 0), new AlignmentLink(1, 1)],
            attention.HardAlignment(new AlignmentConfiguration(null, null, AttentionConvention.Shifted)));
    }

    [Fact]
    public void AnArgmaxOnEosLeavesTheTargetWordUnaligned()
    {
        // Step 4 (input z) attends to </s> only; with shifted rows the one-piece word "z" of "x z" takes it.
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(["ab c"], merges: 0));
        var codec = new SentenceCodec(tokenizer, Vocabulary.Build([tokenizer.Encode("ab c x z").Pieces.Select(p => p.Value)]));
        var source = SegmentedSentence.Create(codec, "ab c", WordTokenization.Words);
        var target = SegmentedSentence.Create(codec, "x z", WordTokenization.Words);   // pieces x Ġ z
        var steps = new float[1, 1, 4, 5];
        steps[0, 0, 0, 0] = steps[0, 0, 1, 0] = steps[0, 0, 2, 3] = steps[0, 0, 3, 4] = 1;
        var attention = new SentenceAttention(source, target, steps);

        // Shifted: x ← row 1 (a), z ← mean(row 2 (c), row 3 (</s>)): a tie between c and </s> goes to c.
        Assert.Equal([new AlignmentLink(0, 0), new AlignmentLink(1, 1)],
            attention.HardAlignment(new AlignmentConfiguration(null, null, AttentionConvention.Shifted)));
        // With row 2 on </s> as well, z's argmax is </s>: it stays unaligned.
        steps[0, 0, 2, 3] = 0;
        steps[0, 0, 2, 4] = 1;
        Assert.Equal([new AlignmentLink(0, 0)],
            attention.HardAlignment(new AlignmentConfiguration(null, null, AttentionConvention.Shifted)));
    }

    private static void AssertRows(float[,] expected, float[,] actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int t = 0; t < expected.GetLength(0); t++)
            for (int s = 0; s < expected.GetLength(1); s++)
                Assert.Equal(expected[t, s], actual[t, s], 6);
    }
}
