using Seq2Seq.Train;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Models;
using Seq2Seq.Train.Runs;
using Seq2Seq.Tests.Training;
using Seq2Seq.Transformer;

namespace Seq2Seq.Tests.Experiments;

/// <summary>The main job, end to end on a tiny corpus, through the command line.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class MainJobTests
{
    [Fact]
    public void TrainsBothModelsAndLeavesACompleteRunFolder()
    {
        using var folder = new TemporaryDirectory();
        TinyExperiment.WriteCorpus(folder.Path);
        string config = WriteConfig(folder, TinyExperiment.Rnn(maxSteps: 8),
            TinyExperiment.Rnn(maxSteps: 8) with
            {
                Name = "transformer", Type = Architecture.Transformer, Rnn = null,
                Transformer = new TransformerOptions { ModelSize = 16, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForwardSize = 32 },
            });

        var (exitCode, output, error) = ProgramRunner.Run("--config", config);

        Assert.True(exitCode == Program.Success, error);
        string run = Directory.GetDirectories(Path.Combine(folder.Path, "runs")).Single();
        Assert.StartsWith("tiny-", Path.GetFileName(run));
        foreach (string file in new[]
                 {
                     "config.json", "data/vocab.source.json", "data/vocab.target.json", "data/bpe.vocab.json",
                     "data/bpe.merges.txt", "metrics.csv", "summary.md", "loss-rnn.png", "loss-transformer.png",
                     "rnn/latest.ckpt", "rnn/training.json", "rnn/test.greedy.txt", "rnn/test.beam2.txt",
                     "transformer/latest.ckpt", "transformer/test.beam2.txt", "alignments/summary.md",
                     "alignments/summary.csv", "alignments/chosen.json", "alignments/rnn.test.align",
                     "alignments/transformer.test.align", "alignments/figures/001.compare.png",
                 })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} is missing");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "rnn"), "best-step*.ckpt"));
        Assert.Equal(10, File.ReadAllLines(Path.Combine(run, "rnn", "test.greedy.txt")).Length);

        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal("step,model,epoch,train_loss,dev_loss,dev_perplexity,dev_bleu,dev_chrf,learning_rate,tokens_per_s,elapsed_s", metrics[0]);
        Assert.Contains(metrics, l => l.StartsWith("8,rnn,", StringComparison.Ordinal));
        Assert.Contains(metrics, l => l.StartsWith("8,transformer,", StringComparison.Ordinal));

        string summary = File.ReadAllText(Path.Combine(run, "summary.md"));
        Assert.Contains("| rnn | greedy |", summary);
        Assert.Contains("| transformer | beam 2 |", summary);
        Assert.Contains("| copy the source |", summary);
        Assert.Contains("## Attention as word alignment", summary);
        Assert.Contains("diagonal", summary);
        Assert.Contains("summary:", output);
        var reopened = RunDirectory.Open(run);
        Assert.Equal(["rnn", "transformer"], reopened.TrainedModels());
    }

    [Fact]
    public void ResumeContinuesAnUnfinishedRunAndKeepsFinishedModels()
    {
        using var folder = new TemporaryDirectory();
        TinyExperiment.WriteCorpus(folder.Path);
        string config = WriteConfig(folder, TinyExperiment.Rnn(maxSteps: 6));
        Assert.Equal(Program.Success, ProgramRunner.Run("--config", config).ExitCode);
        string run = Directory.GetDirectories(Path.Combine(folder.Path, "runs")).Single();
        File.Delete(Path.Combine(run, "rnn", "training.json"));   // as if killed before the model finished

        var (exitCode, output, error) = ProgramRunner.Run("--resume", run);

        Assert.True(exitCode == Program.Success, error);
        Assert.Contains("rnn: resuming at step 6", output);
        Assert.True(File.Exists(Path.Combine(run, "rnn", "training.json")));
    }

    [Fact]
    public void ABadCorpusStopsWithOneLineAndWritesNothing()
    {
        using var folder = new TemporaryDirectory();
        TinyExperiment.WriteCorpus(folder.Path);
        File.AppendAllText(folder.File("train.tsv"), "one\ttwo\tthree\n");
        string config = WriteConfig(folder, TinyExperiment.Rnn(maxSteps: 6));

        var (exitCode, _, error) = ProgramRunner.Run("--config", config);

        Assert.Equal(Program.UserError, exitCode);
        Assert.Equal($"error: {folder.File("train.tsv")}:61: expected 2 tab-separated fields, found 3", error.TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "runs")));
    }

    private static string WriteConfig(TemporaryDirectory folder, params ModelConfig[] models)
    {
        string path = folder.File("tiny.json");
        File.WriteAllText(path, JsonConfig.Serialize(TinyExperiment.Config(folder.Path, models)));
        return path;
    }
}
