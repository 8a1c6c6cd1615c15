using Seq2Seq.Train;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Tests.Training;

namespace Seq2Seq.Tests.Translation;

/// <summary>A run folder with a tiny RNN trained on the tiny corpus, shared by the tests of a class.</summary>
public sealed class TinyRunFixture : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public TinyRunFixture()
    {
        TinyExperiment.WriteCorpus(_folder.Path);
        var config = TinyExperiment.Config(_folder.Path, TinyExperiment.Rnn(maxSteps: 40, validateEvery: 20)) is var c
            ? c with { Data = c.Data with { MaxLength = 30 } }
            : null!;
        string path = _folder.File("tiny.json");
        File.WriteAllText(path, JsonConfig.Serialize(config));
        var (exitCode, _, error) = ProgramRunner.Run("--config", path);
        if (exitCode != Program.Success)
            throw new InvalidOperationException($"training the tiny run failed: {error}");
        RunPath = Directory.GetDirectories(Path.Combine(_folder.Path, "runs")).Single();
    }

    public string RunPath { get; }

    public void Dispose() => _folder.Dispose();
}
