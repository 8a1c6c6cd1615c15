using System.Globalization;
using System.Text;
using Seq2Seq.Data;
using Seq2Seq.Train.Alignments;
using Seq2Seq.Train.Evaluation;
using Seq2Seq.Train.Runs;

namespace Seq2Seq.Train.Experiments;

/// <summary>Evaluates a run's trained models and writes its <c>summary.md</c>.</summary>
public sealed class RunReport(RunDirectory run, PreparedData data, IReadOnlyList<TrainedModel> trained)
{
    private readonly List<EvaluationResult> _test = [];
    private (BleuResult Bleu, ChrfResult Chrf)? _copy;
    private readonly List<string> _alignmentSection = [];

    /// <summary>Translates the test split with every model, greedily and with beam search.</summary>
    public void EvaluateTest(EncodedSplit test, TextWriter log)
    {
        var options = run.Config.Evaluation;
        _copy = SplitEvaluation.CopyBaseline(test);
        foreach (var model in trained)
        {
            using var loaded = run.LoadModel(model.Name);
            foreach (int beam in options.BeamSize == 1 ? [1] : new[] { 1, options.BeamSize })
            {
                var result = SplitEvaluation.Evaluate(model.Name, loaded, data.Codecs, test, options, beam);
                SplitEvaluation.WriteHypotheses(run.ModelDirectory(model.Name), "test", result);
                _test.Add(result);
                log.WriteLine($"{model.Name} test {result.Mode}: {result.Bleu}  {result.Chrf}");
            }
        }
    }

    /// <summary>
    /// Scores every model's attention against the gold word alignments of the test split (the layer and convention
    /// chosen on the dev gold), and writes matrices, heatmaps and the comparison table to <c>alignments/</c>.
    /// </summary>
    /// <param name="gold">The gold alignments, read and checked against this run's splits before training.</param>
    public void CompareAlignments(ExperimentGold gold, TextWriter log)
    {
        var models = trained.Select(m => (m.Name, Model: run.LoadModel(m.Name))).ToList();
        try
        {
            var result = AlignmentComparison.Run(models, data.Codecs, data.Test!.Pairs, gold.Test, data.Dev?.Pairs,
                gold.Dev, gold.Options, run.File(RunDirectory.AlignmentsFolder));
            foreach (var chosen in result.Chosen)
                log.WriteLine($"{chosen.Model} alignment: {chosen.Describe()}");
            _alignmentSection.AddRange(result.Markdown.Split('\n')
                .Where(line => !line.StartsWith("# ", StringComparison.Ordinal))
                .Select(line => line.StartsWith('#') ? "#" + line : line));
        }
        finally
        {
            foreach (var (_, model) in models)
                model.Dispose();
        }
    }

    public void Write(TimeSpan elapsed)
    {
        var config = run.Config;
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"# {config.Name}: run summary").AppendLine();
        text.AppendLine(c, $"Run folder `{Path.GetFileName(run.Path)}`, seed {config.Seed}, {config.Threads} thread(s), device {config.Device}; whole job {elapsed.TotalMinutes:F1} min.").AppendLine();
        text.AppendLine("## Data").AppendLine();
        text.AppendLine("```");
        foreach (string line in SplitSummary.FormatTable(data.Summary))
            text.AppendLine(line);
        text.AppendLine("```").AppendLine();
        text.AppendLine(c, $"Vocabularies: {data.Codecs.Source.Vocabulary.Count} source and {data.Codecs.Target.Vocabulary.Count} target subword pieces ({(data.Codecs.Joint ? "joint" : "separate")} byte-level BPE).").AppendLine();

        text.AppendLine("## Training").AppendLine();
        text.AppendLine("| model | parameters | steps | epochs | training time | best dev BLEU | dev chrF | dev loss | dev perplexity |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in trained)
        {
            text.AppendLine(c, $"| {m.Name} | {m.Parameters:N0} | {m.Steps} | {m.Epochs:F1} | {m.TrainingSeconds / 60:F1} min | {Cell(m.Dev?.Bleu)} | {Cell(m.Dev?.Chrf)} | {Cell(m.Dev?.Loss, "F3")} | {Cell(m.Dev?.Perplexity)} |");
        }
        text.AppendLine();

        if (_test.Count > 0)
        {
            text.AppendLine("## Translation quality on the test split").AppendLine();
            text.AppendLine("| model | decoding | BLEU | chrF2 | sentences/s |");
            text.AppendLine("|---|---|---:|---:|---:|");
            foreach (var r in _test)
                text.AppendLine(c, $"| {r.Model} | {r.Mode} | {r.Bleu.Score:F2} | {r.Chrf.Score:F2} | {r.SentencesPerSecond:F1} |");
            if (_copy is { } copy)
                text.AppendLine(c, $"| copy the source | – | {copy.Bleu.Score:F2} | {copy.Chrf.Score:F2} | – |");
            text.AppendLine();
            text.AppendLine(c, $"Signatures: `{_test[0].Bleu.Signature}` (BLEU), `{_test[0].Chrf.Signature}` (chrF2). Translations are in `<model>/test.greedy.txt` and `<model>/test.beam{config.Evaluation.BeamSize}.txt`.").AppendLine();
        }

        if (_alignmentSection.Count > 0)
        {
            text.AppendLine("## Attention as word alignment").AppendLine();
            foreach (string line in _alignmentSection)
                text.AppendLine(line);
            text.AppendLine();
        }

        text.AppendLine("## Files").AppendLine();
        text.AppendLine("- `config.json`: the configuration as used; `data/`: tokenizer and vocabulary files.");
        text.AppendLine("- `<model>/`: `best-step*.ckpt` and `latest.ckpt` checkpoints, `training.json`, test translations.");
        text.AppendLine("- `metrics.csv`: training and dev figures by step; `loss-<model>.png`: learning curves.");
        if (_alignmentSection.Count > 0)
            text.AppendLine("- `alignments/`: matrices (CSV, JSON), heatmaps, hard alignments and the comparison table.");
        AtomicFile.WriteAllText(run.File(RunDirectory.SummaryFile), text.ToString());
    }

    private static string Cell(double? value, string format = "F2") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
