using System.Diagnostics;
using Seq2Seq.Data;
using Seq2Seq.Train.Checkpoints;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Models;
using Seq2Seq.Train.Reporting;
using Seq2Seq.Train.Runs;
using Seq2Seq.Train.Training;

namespace Seq2Seq.Train.Experiments;

/// <summary>
/// The main job: prepare the corpus, train every configured model one after the other, evaluate each on the test
/// split (greedy and beam search), compare their attention with gold word alignments, and write the run folder's
/// record (<c>metrics.csv</c>, loss curves, translations, <c>summary.md</c>). Nothing is written before the corpus and
/// the gold alignments have been read and checked. A run interrupted at any point resumes with <see cref="Resume"/>:
/// finished models are kept, the interrupted one continues from its latest checkpoint.
/// </summary>
public sealed class Experiment
{
    private readonly ExperimentConfig _config;
    private readonly string? _resumePath;
    private readonly TextWriter _log;
    private readonly CancellationToken _interrupt;
    private RunDirectory? _run;

    private Experiment(ExperimentConfig config, string? resumePath, TextWriter log, CancellationToken interrupt)
    {
        _config = config;
        _resumePath = resumePath;
        _log = log;
        _interrupt = interrupt;
    }

    /// <summary>The run folder, once <see cref="Execute"/> has created or opened it.</summary>
    public RunDirectory Run => _run ?? throw new InvalidOperationException("the experiment has not run yet");

    /// <summary>A new run of <paramref name="config"/> (paths already resolved).</summary>
    public static Experiment Start(ExperimentConfig config, TextWriter log, CancellationToken interrupt)
    {
        config.Validate();
        DeviceSetup.Apply(config.Threads, config.Device, "threads");
        return new Experiment(config, null, log, interrupt);
    }

    /// <summary>Continues the run in <paramref name="path"/>.</summary>
    /// <param name="threads">overrides the run's thread setting (it does not change the results)</param>
    public static Experiment Resume(string path, TextWriter log, CancellationToken interrupt, int? threads = null)
    {
        var run = RunDirectory.Open(path);
        DeviceSetup.Apply(threads ?? run.Config.Threads, run.Config.Device, threads is null ? "threads" : "--threads");
        return new Experiment(run.Config, path, log, interrupt) { _run = run };
    }

    public void Execute()
    {
        var clock = Stopwatch.StartNew();
        var (run, data, gold) = _resumePath is null ? Create() : Reopen();
        _run = run;
        _log.WriteLine($"run folder: {run.Path}");
        foreach (string line in SplitSummary.FormatTable(data.Summary))
            _log.WriteLine(line);
        _log.WriteLine($"vocabularies: {data.Codecs.Source.Vocabulary.Count} source, {data.Codecs.Target.Vocabulary.Count} target pieces");

        var metrics = MetricsLog.Open(run.File(RunDirectory.MetricsFile));
        var trained = ConsoleReporter.Run(metrics, observer =>
            _config.Models.Select(model => TrainModel(model, data, metrics, observer)).ToList());
        foreach (var model in _config.Models)
            LossCurve.Save(run.File($"loss-{model.Name}.png"), model.Name, metrics.Rows.Where(r => r.Model == model.Name).ToList());

        var report = new RunReport(run, data, trained);
        if (data.Test is { Count: > 0 } test)
            report.EvaluateTest(test, _log);
        if (gold is not null)
            report.CompareAlignments(gold, _log);
        report.Write(clock.Elapsed);
        _log.WriteLine($"summary: {run.File(RunDirectory.SummaryFile)}");
    }

    /// <summary>Reads and checks the corpus and the gold alignments and learns the subwords, then creates the run
    /// folder around them.</summary>
    private (RunDirectory Run, PreparedData Data, ExperimentGold? Gold) Create()
    {
        var run = RunDirectory.Create(_config, DateTime.Now, folder =>
        {
            var data = DataPreparation.Prepare(_config.Data, folder);
            return (Data: data, Gold: ReadGold(data));
        }, out var prepared);
        return (run, prepared.Data, prepared.Gold);
    }

    /// <summary>Reads the corpus again with the run's subwords, and the gold alignments, to resume the run.</summary>
    private (RunDirectory Run, PreparedData Data, ExperimentGold? Gold) Reopen()
    {
        var data = DataPreparation.Reload(_config.Data, Run.LoadCodecs());
        return (Run, data, ReadGold(data));
    }

    /// <summary>The configured gold alignments, checked against the prepared splits; null without any.</summary>
    private ExperimentGold? ReadGold(PreparedData data) =>
        _config.Alignment is { } alignment ? ExperimentGold.Read(alignment, data) : null;

    private TrainedModel TrainModel(ModelConfig model, PreparedData data, MetricsLog metrics, ITrainingObserver observer)
    {
        string directory = Run.ModelDirectory(model.Name);
        Directory.CreateDirectory(directory);
        string resultFile = Path.Combine(directory, TrainedModel.FileName);
        if (File.Exists(resultFile))
        {
            observer.Note(model.Name, "already trained in this run; kept");
            return JsonConfig.Read<TrainedModel>(resultFile);
        }

        string latest = Path.Combine(directory, Trainer.LatestCheckpoint);
        var resume = File.Exists(latest) ? Checkpoint.Read(latest) : null;
        if (resume is not null)
            metrics.TruncateAfter(model.Name, resume.Metadata.Progress.Step);
        var context = new TrainingContext
        {
            Train = data.Train, Dev = data.Dev, Codecs = data.Codecs,
            VocabularyFingerprint = Run.VocabularyFingerprint(), Seed = _config.Seed,
            Decoding = _config.Evaluation.Decoding, Directory = directory, Observer = observer, Interrupt = _interrupt,
        };
        var result = new Trainer(model, context).Train(resume);
        var trained = new TrainedModel
        {
            Name = model.Name, Type = model.Type, BestCheckpoint = Path.GetFileName(result.BestCheckpoint),
            Steps = result.Progress.Step,
            Epochs = result.Progress.TokensSeen / (double)data.Train.TargetIds.Sum(ids => ids.Length + 1L),
            TrainingSeconds = result.Progress.ElapsedSeconds, Dev = result.Scores, Parameters = result.Parameters,
        };
        AtomicFile.WriteAllText(resultFile, JsonConfig.Serialize(trained));
        return trained;
    }
}

/// <summary>What training left of a model, kept in <c>&lt;model&gt;/training.json</c>; its presence marks the model
/// as finished in this run.</summary>
public sealed record TrainedModel
{
    public const string FileName = "training.json";

    public required string Name { get; init; }
    public required Architecture Type { get; init; }

    /// <summary>The best checkpoint's file name in the model's folder.</summary>
    public required string BestCheckpoint { get; init; }

    public required long Parameters { get; init; }
    public required int Steps { get; init; }
    public required double Epochs { get; init; }
    public required double TrainingSeconds { get; init; }

    /// <summary>Dev scores of the best checkpoint (null without a dev split).</summary>
    public DevScores? Dev { get; init; }
}
