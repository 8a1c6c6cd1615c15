using Seq2Seq.Data;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Forced decoding: runs a model teacher-forced on given (source, target) pairs — a reference translation, or the
/// model's own — and returns each pair's cross-attention at the level of BPE pieces (<see cref="SentenceAttention"/>),
/// from which word-level matrices of every layer, head and convention are read. The model's contract
/// (<see cref="Seq2SeqModel.Forward"/>) makes the row of teacher-forced step t the attention of the step whose input
/// is y_t and which predicts y_{t+1}; the Transformer reports all its decoder layers and heads, the RNN its Bahdanau
/// weights as one layer with one head.
/// </summary>
/// <param name="model">Either architecture; run in evaluation mode without gradients (its mode is restored).</param>
/// <param name="codecs">The model's tokenizers and vocabularies.</param>
/// <param name="tokenization">The words matrices are merged into.</param>
/// <param name="batchSentences">Pairs per forward pass.</param>
public sealed class AttentionExtractor(
    Seq2SeqModel model, SentenceCodecs codecs, WordTokenization tokenization = WordTokenization.Words,
    int batchSentences = 32)
{
    /// <summary>Segments both sides of every pair (see <see cref="SegmentedSentence"/>).</summary>
    /// <exception cref="ArgumentException">a side has no word</exception>
    public IReadOnlyList<(SegmentedSentence Source, SegmentedSentence Target)> Segment(IReadOnlyList<SentencePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return [.. pairs.Select(pair => (
            SegmentedSentence.Create(codecs.Source, pair.Source, tokenization),
            SegmentedSentence.Create(codecs.Target, pair.Target, tokenization)))];
    }

    /// <summary>The attention of every pair, in input order, computed one batch at a time as the sequence is read
    /// (one dispose scope per batch).</summary>
    /// <exception cref="ArgumentException">a side of a pair has no word</exception>
    public IEnumerable<SentenceAttention> Extract(IReadOnlyList<SentencePair> pairs) => Extract(Segment(pairs));

    /// <summary>The attention of every segmented pair (see <see cref="Segment"/>), in input order, one batch at a
    /// time.</summary>
    public IEnumerable<SentenceAttention> Extract(
        IReadOnlyList<(SegmentedSentence Source, SegmentedSentence Target)> segmented)
    {
        ArgumentNullException.ThrowIfNull(segmented);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSentences);
        return Batches(segmented);
    }

    private IEnumerable<SentenceAttention> Batches(
        IReadOnlyList<(SegmentedSentence Source, SegmentedSentence Target)> segmented)
    {
        for (int first = 0; first < segmented.Count; first += batchSentences)
        {
            int count = Math.Min(batchSentences, segmented.Count - first);
            foreach (SentenceAttention sentence in ExtractBatch(segmented.Skip(first).Take(count).ToArray()))
                yield return sentence;
        }
    }

    /// <summary>One forward pass over a batch; the tensors live only inside this call.</summary>
    private SentenceAttention[] ExtractBatch((SegmentedSentence Source, SegmentedSentence Target)[] pairs)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var rows = Enumerable.Range(0, pairs.Length).ToArray();
            using Batch batch = BatchBuilder.Build(rows, [.. pairs.Select(p => p.Source.Ids)],
                [.. pairs.Select(p => p.Target.Ids)]);
            Device device = model.parameters().First().device;
            var (_, attention) = model.Forward(batch.Source.to(device), batch.SourceLengths.to(device),
                batch.TargetIn.to(device), withAttention: true);
            if (attention is null)
                throw new InvalidOperationException($"{model.GetType().Name}.Forward returned no cross-attention");
            // [batch, layers, heads, tgtLen, srcLen]
            long[] shape = attention.shape;
            float[] values = attention.to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
            return [.. rows.Select(b => Slice(values, shape, b, pairs[b].Source, pairs[b].Target))];
        }
        finally
        {
            if (wasTraining)
                model.train();
        }
    }

    /// <summary>Row <paramref name="b"/> of the batch's attention, cut to the sentence's real lengths.</summary>
    private static SentenceAttention Slice(float[] values, long[] shape, int b, SegmentedSentence source,
        SegmentedSentence target)
    {
        int layers = (int)shape[1], heads = (int)shape[2], targetLength = (int)shape[3], sourceLength = (int)shape[4];
        int steps = target.Ids.Length + 1, columns = source.Ids.Length + 1;
        var matrix = new float[layers, heads, steps, columns];           // [layers, heads, n + 1, m + 1]
        for (int l = 0; l < layers; l++)
        {
            for (int h = 0; h < heads; h++)
            {
                long offset = (((long)b * layers + l) * heads + h) * targetLength * sourceLength;
                for (int t = 0; t < steps; t++)
                    for (int s = 0; s < columns; s++)
                        matrix[l, h, t, s] = values[offset + (long)t * sourceLength + s];
            }
        }
        return new SentenceAttention(source, target, matrix);
    }
}
