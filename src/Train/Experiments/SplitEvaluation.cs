using System.Diagnostics;
using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Evaluation;
using Seq2Seq.Train.Translation;

namespace Seq2Seq.Train.Experiments;

/// <summary>The scores of one model on one split with one decoding mode.</summary>
/// <param name="Model">the model's name</param>
/// <param name="Beam">1 for greedy decoding</param>
public sealed record EvaluationResult(string Model, int Beam, BleuResult Bleu, ChrfResult Chrf,
    double SentencesPerSecond, IReadOnlyList<string> Hypotheses)
{
    public string Mode => Beam == 1 ? "greedy" : $"beam {Beam}";
}

/// <summary>Translates a split with a model and scores the translations against its references with BLEU and
/// chrF (sacreBLEU-compatible), writing the translations next to the model's checkpoints.</summary>
public static class SplitEvaluation
{
    public static EvaluationResult Evaluate(string name, Seq2SeqModel model, SentenceCodecs codecs, EncodedSplit split,
        EvaluationOptions options, int beam)
    {
        var translator = new Translator(model, codecs, options.Decoding, beam, options.BatchSentences);
        long start = Stopwatch.GetTimestamp();
        var hypotheses = translator.TranslateIds(split.SourceIds).Select(h => codecs.Target.Decode(h.Tokens)).ToList();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var references = split.Pairs.Select(p => p.Target).ToList();
        return new EvaluationResult(name, beam, Bleu.Corpus(hypotheses, references), Chrf.Corpus(hypotheses, references),
            split.Count / Math.Max(seconds, 1e-9), hypotheses);
    }

    /// <summary>BLEU and chrF of copying the source sentence as its own translation: the floor every model must clear.</summary>
    public static (BleuResult Bleu, ChrfResult Chrf) CopyBaseline(EncodedSplit split)
    {
        var sources = split.Pairs.Select(p => p.Source).ToList();
        var references = split.Pairs.Select(p => p.Target).ToList();
        return (Bleu.Corpus(sources, references), Chrf.Corpus(sources, references));
    }

    /// <summary>Writes one translation per line to <c>&lt;directory&gt;/&lt;split&gt;.&lt;greedy|beamN&gt;.txt</c>.</summary>
    public static string WriteHypotheses(string directory, string split, EvaluationResult result)
    {
        string path = Path.Combine(directory, $"{split}.{(result.Beam == 1 ? "greedy" : $"beam{result.Beam}")}.txt");
        AtomicFile.WriteAllText(path, string.Concat(result.Hypotheses.Select(h => h + "\n")));
        return path;
    }
}
