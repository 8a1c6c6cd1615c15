using System.Diagnostics;
using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Checkpoints;
using Seq2Seq.Train.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Training;

/// <summary>What one model's training produced.</summary>
/// <param name="BestCheckpoint">the best checkpoint (by the dev metric), or the latest when there is no dev split</param>
/// <param name="Progress">where training stopped</param>
/// <param name="Scores">the dev scores of the best checkpoint, if there is a dev split</param>
/// <param name="Parameters">the number of trainable parameters (a tied weight counted once)</param>
public sealed record TrainingResult(string BestCheckpoint, TrainingProgress Progress, DevScores? Scores, long Parameters);

/// <summary>The inputs a <see cref="Trainer"/> needs besides the model's own configuration.</summary>
public sealed record TrainingContext
{
    public required EncodedSplit Train { get; init; }
    public EncodedSplit? Dev { get; init; }
    public required SentenceCodecs Codecs { get; init; }

    /// <summary>SHA-256 of the vocabulary files, recorded in every checkpoint.</summary>
    public required string VocabularyFingerprint { get; init; }

    /// <summary>Seeds the weights, dropout and the batch order.</summary>
    public required int Seed { get; init; }

    /// <summary>How validation translates the dev split (greedily).</summary>
    public required Decoding.DecodingOptions Decoding { get; init; }

    /// <summary>The model's folder in the run: checkpoints go there.</summary>
    public required string Directory { get; init; }

    public required ITrainingObserver Observer { get; init; }

    /// <summary>Cancelled by Ctrl-C: the current step finishes, a checkpoint is written, training stops.</summary>
    public CancellationToken Interrupt { get; init; }
}

/// <summary>
/// Trains one model of either architecture: batches from the bucketing sampler, one <see cref="TrainingStep"/> per
/// batch, the learning-rate schedule, validation every N steps with early stopping, the best k checkpoints and a
/// latest checkpoint from which <see cref="Train"/> resumes exactly (same weights, optimiser moments, schedule,
/// step, random state and position in the data).
/// </summary>
public sealed class Trainer(ModelConfig config, TrainingContext context)
{
    public const string LatestCheckpoint = "latest.ckpt";

    private readonly ModelConfig _config = config;
    private readonly TrainingContext _context = context;
    private readonly TrainingOptions _options = config.Training;

    /// <param name="resume">a latest checkpoint to continue from, or null to start afresh</param>
    public TrainingResult Train(Checkpoint.Loaded? resume = null)
    {
        manual_seed(_context.Seed);
        using var model = _config.CreateModel(_context.Codecs.Source.Vocabulary.Count, _context.Codecs.Target.Vocabulary.Count);
        using var optimizer = optim.Adam(model.parameters(), _options.Optimizer.LearningRate, _options.Optimizer.Beta1,
            _options.Optimizer.Beta2, _options.Optimizer.Epsilon, _options.Optimizer.WeightDecay);
        var schedule = new LearningRateSchedule(_options.Schedule, _options.Optimizer.LearningRate);
        var progress = new TrainingProgress { Schedule = schedule.State };
        DevScores? bestScores = null;
        if (resume is not null)
        {
            resume.LoadWeights(model);
            resume.LoadOptimizer(optimizer);
            random.set_rng_state(tensor(Convert.FromBase64String(resume.Metadata.RandomState)));
            progress = resume.Metadata.Progress;
            schedule.Restore(progress.Schedule);
            bestScores = ReadBestScores(progress);
        }

        var run = new Run(this, model, optimizer, schedule, progress, bestScores);
        return run.Execute();
    }

    private DevScores? ReadBestScores(TrainingProgress progress) =>
        progress.Best.Count == 0 ? null
            : Checkpoint.Read(Path.Combine(_context.Directory, progress.Best[0].File)).Metadata.Scores;

    /// <summary>The mutable state of one training run.</summary>
    private sealed class Run(Trainer trainer, Seq2SeqModel model, optim.Optimizer optimizer,
        LearningRateSchedule schedule, TrainingProgress progress, DevScores? bestScores)
    {
        private readonly TrainingOptions _options = trainer._options;
        private readonly TrainingContext _context = trainer._context;
        private readonly string _name = trainer._config.Name;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly double _elapsedBefore = progress.ElapsedSeconds;
        private readonly Validator? _validator = trainer._context.Dev is { Count: > 0 } dev
            ? new Validator(dev, trainer._context.Codecs, trainer._context.Decoding)
            : null;
        private TrainingProgress _progress = progress;
        private DevScores? _bestScores = bestScores;
        private bool _earlyStopped;
        private int _lastValidated = -1;
        private double _lossSum;
        private int _lossSteps;
        private long _tokensSinceLog;
        private double _secondsAtLog = progress.ElapsedSeconds;

        public TrainingResult Execute()
        {
            var step = new TrainingStep(model, optimizer, _options);
            var sampler = _context.Train.Sampler(_options.BatchSize, _context.Seed);
            var observer = _context.Observer;
            observer.Started(_name, _progress, _options, sampler.Batches(_progress.Epoch).Count);

            while (!Done() && _progress.Epoch < _options.MaxEpochs)
            {
                var batches = sampler.Batches(_progress.Epoch);
                for (int b = _progress.BatchInEpoch; b < batches.Count && !Done(); b++)
                {
                    double rate = schedule.At(_progress.Step + 1);
                    foreach (var group in optimizer.ParamGroups)
                        group.LearningRate = rate;
                    double loss;
                    long tokens;
                    using (var scope = NewDisposeScope())
                    using (var batch = _context.Train.Batch(batches[b]))
                    {
                        (loss, _) = step.Run(batch);
                        tokens = batch.TargetTokens;
                    }
                    if (!double.IsFinite(loss))
                        throw Diverged(loss);
                    _progress = _progress with
                    {
                        Step = _progress.Step + 1, BatchInEpoch = b + 1, TokensSeen = _progress.TokensSeen + tokens,
                        ElapsedSeconds = Elapsed,
                    };
                    _lossSum += loss;
                    _lossSteps++;
                    _tokensSinceLog += tokens;
                    observer.Stepped(_name, _progress, loss, rate);

                    if (_progress.Step % _options.ValidateEvery == 0)
                        Validate(rate);
                    else if (_progress.Step % _options.LogEvery == 0)
                        Log(rate, null);
                    if (_options.CheckpointEvery > 0 && _progress.Step % _options.CheckpointEvery == 0 && _lastValidated != _progress.Step)
                        SaveLatest();
                    if (_context.Interrupt.IsCancellationRequested)
                    {
                        SaveLatest();
                        throw new OperationCanceledException(
                            $"{_name}: interrupted after step {_progress.Step}; resume with --resume", _context.Interrupt);
                    }
                }
                if (_progress.BatchInEpoch >= batches.Count)
                    _progress = _progress with { Epoch = _progress.Epoch + 1, BatchInEpoch = 0 };
            }

            if (_lastValidated != _progress.Step)
                Validate(schedule.At(Math.Max(_progress.Step, 1)));
            observer.Finished(_name, _progress);
            string best = _progress.Best.Count > 0 ? _progress.Best[0].File : LatestCheckpoint;
            return new TrainingResult(Path.Combine(_context.Directory, best), _progress, _bestScores,
                model.parameters().Sum(p => p.numel()));
        }

        /// <summary>The error of a loss that is no longer a number: it names the step and the checkpoint kept.</summary>
        private UserException Diverged(double loss)
        {
            string kept = File.Exists(LatestPath)
                ? $"the last good checkpoint is {LatestPath}"
                : "no checkpoint was written before it";
            return new UserException(
                $"{_name}: the training loss became {loss} at step {_progress.Step + 1}; {kept} (try a lower learning rate)");
        }

        private double Elapsed => _elapsedBefore + _clock.Elapsed.TotalSeconds;

        private string LatestPath => Path.Combine(_context.Directory, LatestCheckpoint);

        private bool Done() =>
            _earlyStopped
            || _progress.Step >= (_options.MaxSteps ?? int.MaxValue)
            || Elapsed >= (_options.MaxMinutes ?? double.PositiveInfinity) * 60;

        private void Validate(double rate)
        {
            _lastValidated = _progress.Step;
            if (_validator is null)
            {
                Log(rate, null);
                SaveLatest();
                return;
            }
            var scores = _validator.Evaluate(model);
            double score = scores.Score(_options.Metric);
            schedule.Validated(score);
            bool improved = double.IsNaN(_progress.BestScore) || score > _progress.BestScore;
            _progress = _progress with
            {
                Schedule = schedule.State,
                BestScore = improved ? score : _progress.BestScore,
                StalledValidations = improved ? 0 : _progress.StalledValidations + 1,
                ElapsedSeconds = Elapsed,
            };
            if (improved || _progress.Best.Count < _options.KeepBest || score > _progress.Best[^1].Score)
                KeepBest(scores, score, improved);
            Log(rate, scores);
            if (_options.Patience > 0 && _progress.StalledValidations >= _options.Patience)
            {
                _earlyStopped = true;
                _context.Observer.Note(_name,
                    $"early stopping at step {_progress.Step}: no {_options.Metric.ToString().ToLowerInvariant()} improvement in {_options.Patience} validations");
            }
            SaveLatest(scores);
        }

        /// <summary>Writes a best checkpoint and drops those beyond the k best.</summary>
        private void KeepBest(DevScores scores, double score, bool improved)
        {
            string file = $"best-step{_progress.Step}.ckpt";
            var kept = _progress.Best.Append(new SavedCheckpoint(_progress.Step, score, file))
                .OrderByDescending(c => c.Score).ThenBy(c => c.Step).ToList();
            var dropped = kept.Skip(_options.KeepBest).ToList();
            _progress = _progress with { Best = kept.Take(_options.KeepBest).ToList() };
            if (dropped.Any(c => c.File == file))
                return;
            Save(Path.Combine(_context.Directory, file), scores);
            foreach (var old in dropped)
                File.Delete(Path.Combine(_context.Directory, old.File));
            if (improved)
            {
                _bestScores = scores;
                _context.Observer.Note(_name, $"new best {_options.Metric.ToString().ToLowerInvariant()} at step {_progress.Step}: {Describe(scores)}");
            }
        }

        private void SaveLatest(DevScores? scores = null) => Save(LatestPath, scores);

        private void Save(string path, DevScores? scores)
        {
            var metadata = new CheckpointMetadata
            {
                Model = trainer._config,
                SourceVocabularySize = _context.Codecs.Source.Vocabulary.Count,
                TargetVocabularySize = _context.Codecs.Target.Vocabulary.Count,
                VocabularyFingerprint = _context.VocabularyFingerprint,
                Progress = _progress with { ElapsedSeconds = Elapsed },
                RandomState = Convert.ToBase64String(random.get_rng_state().data<byte>().ToArray()),
                Scores = scores,
            };
            Checkpoint.Save(path, metadata, model, optimizer);
        }

        private void Log(double rate, DevScores? scores)
        {
            double seconds = Elapsed - _secondsAtLog;
            _context.Observer.Logged(new MetricsRow
            {
                Model = _name, Step = _progress.Step, Epoch = _progress.Epoch,
                TrainLoss = _lossSteps > 0 ? _lossSum / _lossSteps : double.NaN, LearningRate = rate,
                TokensPerSecond = seconds > 0 ? _tokensSinceLog / seconds : double.NaN,
                ElapsedSeconds = Elapsed, Dev = scores,
            });
            _lossSum = 0;
            _lossSteps = 0;
            _tokensSinceLog = 0;
            _secondsAtLog = Elapsed;
        }

        private static string Describe(DevScores s) =>
            $"BLEU {s.Bleu:F2}, chrF {s.Chrf:F2}, dev loss {s.Loss:F3} (ppl {s.Perplexity:F2})";
    }
}
