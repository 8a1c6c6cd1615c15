using Seq2Seq.Data;
using Seq2Seq.Train.Checkpoints;
using Seq2Seq.Train.Models;
using Seq2Seq.Train.Runs;
using Seq2Seq.Train.Training;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void ResumingFromACheckpointEndsExactlyLikeAnUninterruptedRun()
    {
        using var folder = new TemporaryDirectory();
        TinyExperiment.WriteCorpus(folder.Path);
        var config = TinyExperiment.Config(folder.Path);
        var data = TinyExperiment.Prepare(config, folder.Path);

        var straight = Train(TinyExperiment.Rnn(maxSteps: 12, validateEvery: 3), data, folder.File("straight"), null);
        Train(TinyExperiment.Rnn(maxSteps: 6, validateEvery: 3), data, folder.File("resumed"), null);
        var resume = Checkpoint.Read(Path.Combine(folder.File("resumed"), Trainer.LatestCheckpoint));
        Assert.Equal(6, resume.Metadata.Progress.Step);
        var resumed = Train(TinyExperiment.Rnn(maxSteps: 12, validateEvery: 3), data, folder.File("resumed"), resume);

        Assert.Equal(12, resumed.Progress.Step);
        Assert.Equal(straight.Progress with { ElapsedSeconds = 0 }, resumed.Progress with { ElapsedSeconds = 0 },
            new ProgressComparer());
        Assert.Equal(straight.Scores, resumed.Scores);
        Assert.Equal(Weights(folder.File("straight")), Weights(folder.File("resumed")));
    }

    [Fact]
    public void AnInterruptWritesACheckpointAfterTheCurrentStepAndStops()
    {
        using var folder = new TemporaryDirectory();
        TinyExperiment.WriteCorpus(folder.Path);
        var data = TinyExperiment.Prepare(TinyExperiment.Config(folder.Path), folder.Path);
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();

        var error = Assert.Throws<OperationCanceledException>(() =>
            Train(TinyExperiment.Rnn(maxSteps: 50), data, folder.File("model"), null, interrupt.Token));

        Assert.Contains("interrupted after step 1", error.Message);
        var saved = Checkpoint.Read(Path.Combine(folder.File("model"), Trainer.LatestCheckpoint));
        Assert.Equal(1, saved.Metadata.Progress.Step);
    }

    [Fact]
    public void ADivergingLossStopsTrainingNamingTheStepAndKeepsTheLastGoodCheckpoint()
    {
        using var folder = new TemporaryDirectory();
        TinyExperiment.WriteCorpus(folder.Path);
        var data = TinyExperiment.Prepare(TinyExperiment.Config(folder.Path), folder.Path);
        var exploding = TinyExperiment.Rnn(maxSteps: 50) is var model
            ? model with
            {
                Training = model.Training with
                {
                    CheckpointEvery = 1, ClipNorm = 0, Optimizer = new OptimizerOptions { LearningRate = 1e30 },
                },
            }
            : null!;

        var error = Assert.Throws<UserException>(() => Train(exploding, data, folder.File("model"), null));

        var last = Checkpoint.Read(Path.Combine(folder.File("model"), Trainer.LatestCheckpoint));
        int failed = last.Metadata.Progress.Step + 1;
        Assert.Matches($"the training loss became (NaN|∞|-∞|Infinity|-Infinity) at step {failed};", error.Message);
        Assert.Contains(Trainer.LatestCheckpoint, error.Message);
    }

    [Fact]
    public void KeepsTheConfiguredNumberOfBestCheckpoints()
    {
        using var folder = new TemporaryDirectory();
        TinyExperiment.WriteCorpus(folder.Path);
        var data = TinyExperiment.Prepare(TinyExperiment.Config(folder.Path), folder.Path);
        var model = TinyExperiment.Rnn(maxSteps: 16, validateEvery: 2) is var m
            ? m with { Training = m.Training with { KeepBest = 2, Metric = ValidationMetric.Loss, Patience = 0 } }
            : null!;

        var result = Train(model, data, folder.File("model"), null);

        var kept = Directory.GetFiles(folder.File("model"), "best-step*.ckpt").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(result.Progress.Best.Select(b => b.File).Order().ToArray(), kept);
        Assert.Equal(2, kept.Length);
        Assert.True(result.Progress.Best[0].Score >= result.Progress.Best[1].Score);
        Assert.Equal(Path.Combine(folder.File("model"), result.Progress.Best[0].File), result.BestCheckpoint);
    }

    private static TrainingResult Train(ModelConfig model, PreparedData data, string directory,
        Checkpoint.Loaded? resume, CancellationToken interrupt = default)
    {
        Directory.CreateDirectory(directory);
        var context = new TrainingContext
        {
            Train = data.Train, Dev = data.Dev, Codecs = data.Codecs,
            VocabularyFingerprint = RunDirectory.Fingerprint(Path.Combine(Path.GetDirectoryName(directory)!, "data")),
            Seed = 1, Decoding = new Seq2Seq.Decoding.DecodingOptions(), Directory = directory,
            Observer = new SilentObserver(), Interrupt = interrupt,
        };
        return new Trainer(model, context).Train(resume);
    }

    private static float[] Weights(string directory)
    {
        using var scope = NewDisposeScope();
        using var model = Checkpoint.Read(Path.Combine(directory, Trainer.LatestCheckpoint)).CreateModel();
        return model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    private sealed class ProgressComparer : IEqualityComparer<TrainingProgress>
    {
        public bool Equals(TrainingProgress? x, TrainingProgress? y) =>
            x is not null && y is not null && x.Step == y.Step && x.Epoch == y.Epoch && x.BatchInEpoch == y.BatchInEpoch
            && x.TokensSeen == y.TokensSeen && x.Schedule == y.Schedule && x.BestScore.Equals(y.BestScore)
            && x.StalledValidations == y.StalledValidations && x.Best.SequenceEqual(y.Best);

        public int GetHashCode(TrainingProgress obj) => obj.Step;
    }
}

/// <summary>An observer that records nothing.</summary>
internal sealed class SilentObserver : ITrainingObserver
{
    public List<MetricsRow> Rows { get; } = [];

    public void Started(string model, TrainingProgress progress, TrainingOptions options, int batchesPerEpoch)
    {
    }

    public void Stepped(string model, TrainingProgress progress, double loss, double learningRate)
    {
    }

    public void Logged(MetricsRow row) => Rows.Add(row);

    public void Note(string model, string message)
    {
    }

    public void Finished(string model, TrainingProgress progress)
    {
    }
}
