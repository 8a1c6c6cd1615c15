using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Models;
using Seq2Seq.Train.Evaluation;
using Seq2Seq.Train.Translation;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Training;

/// <summary>Scores a model on the dev split: reference loss and perplexity, and BLEU and chrF of greedy
/// translations against the references.</summary>
public sealed class Validator(EncodedSplit dev, SentenceCodecs codecs, DecodingOptions decoding, int batchSentences = 64)
{
    public DevScores Evaluate(Seq2SeqModel model)
    {
        model.eval();
        double loss = ReferenceLoss(model);
        var translator = new Translator(model, codecs, decoding, beamSize: 1, batchSentences);
        var hypotheses = translator.TranslateIds(dev.SourceIds).Select(h => codecs.Target.Decode(h.Tokens)).ToList();
        var references = dev.Pairs.Select(p => p.Target).ToList();
        return new DevScores(loss, Math.Exp(loss), Bleu.Corpus(hypotheses, references).Score,
            Chrf.Corpus(hypotheses, references).Score);
    }

    /// <summary>Σ cross-entropy / Σ target tokens over the split, teacher-forced.</summary>
    private double ReferenceLoss(Seq2SeqModel model)
    {
        using var noGrad = no_grad();
        double total = 0;
        long tokens = 0;
        foreach (var chunk in LengthSortedChunks.Of(dev.SourceIds.Select(s => s.Length).ToArray(), batchSentences))
        {
            using var scope = NewDisposeScope();
            using var batch = dev.Batch(chunk);
            var (logits, _) = model.Forward(batch.Source, batch.SourceLengths, batch.TargetIn, withAttention: false);
            total += nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), batch.TargetOut.view(-1),
                ignore_index: SpecialTokens.Pad, reduction: nn.Reduction.Sum).item<float>();
            tokens += batch.TargetTokens;
        }
        return total / Math.Max(tokens, 1);
    }
}
