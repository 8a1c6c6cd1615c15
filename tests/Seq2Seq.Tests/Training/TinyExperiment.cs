using Seq2Seq.Data;
using Seq2Seq.Rnn;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Models;
using Seq2Seq.Train.Training;

namespace Seq2Seq.Tests.Training;

/// <summary>A tiny learnable corpus (number words, English → French) and a tiny configuration that trains on it in
/// seconds.</summary>
internal static class TinyExperiment
{
    private static readonly string[] English = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private static readonly string[] French = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"];

    /// <summary>Writes train.tsv (60 pairs), dev.tsv and test.tsv (10 each) to <paramref name="directory"/>, and the gold
    /// word alignments of dev and test (word i ↔ word i, the final period included).</summary>
    public static void WriteCorpus(string directory, int seed = 1)
    {
        var random = new Random(seed);
        foreach (var (split, count) in new[] { ("train", 60), ("dev", 10), ("test", 10) })
        {
            var sentences = Enumerable.Range(0, count)
                .Select(_ => Enumerable.Range(0, random.Next(2, 6)).Select(_ => random.Next(10)).ToArray()).ToList();
            File.WriteAllLines(Path.Combine(directory, $"{split}.tsv"), sentences.Select(digits =>
                $"{string.Join(' ', digits.Select(d => English[d]))}.\t{string.Join(' ', digits.Select(d => French[d]))}."));
            if (split != "train")
                File.WriteAllLines(Path.Combine(directory, $"{split}.align"), sentences.Select(digits =>
                    string.Join(' ', Enumerable.Range(0, digits.Length + 1).Select(i => $"{i}-{i}"))));
        }
    }

    public static ModelConfig Rnn(int maxSteps, int validateEvery = 4) => new()
    {
        Name = "rnn",
        Type = Architecture.Rnn,
        Rnn = new RnnOptions { EmbeddingSize = 16, HiddenSize = 24, AttentionSize = 16, Dropout = 0.2 },
        Training = new TrainingOptions
        {
            BatchSentences = 8, MaxSteps = maxSteps, ValidateEvery = validateEvery, LogEvery = 2,
            Optimizer = new OptimizerOptions { LearningRate = 0.01 },
        },
    };

    /// <summary>A configuration over the corpus in <paramref name="directory"/>, runs written below it.</summary>
    public static ExperimentConfig Config(string directory, params ModelConfig[] models) => new()
    {
        Name = "tiny",
        Threads = 1,
        RunsDirectory = Path.Combine(directory, "runs"),
        Data = new DataOptions
        {
            Train = CorpusSource.FromTsv(Path.Combine(directory, "train.tsv")),
            Dev = CorpusSource.FromTsv(Path.Combine(directory, "dev.tsv")),
            Test = CorpusSource.FromTsv(Path.Combine(directory, "test.tsv")),
            Merges = 30,
        },
        Models = models,
        Evaluation = new EvaluationOptions { BeamSize = 2 },
        Alignment = new AlignmentOptions
        {
            TestGold = Path.Combine(directory, "test.align"), DevGold = Path.Combine(directory, "dev.align"), Figures = 2,
        },
    };

    /// <summary>Prepares the corpus into <c>directory/data</c>.</summary>
    public static PreparedData Prepare(ExperimentConfig config, string directory) =>
        DataPreparation.Prepare(config.Data, Path.Combine(directory, "data"));
}
