using System.Text;
using Seq2Seq.Data;
using Seq2Seq.Train;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Runs;
using Seq2Seq.Tests.Training;
using Seq2Seq.Tests.Translation;

namespace Seq2Seq.Tests.Reliability;

/// <summary>
/// Every kind of bad input a user can give the command line: each gives exit code 1 and exactly one line on stderr,
/// beginning "error: ", that names the file, line or key at fault — no stack trace — and writes no file.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class MalformedInputTests(TinyRunFixture run) : IClassFixture<TinyRunFixture>, IDisposable
{
    private readonly TemporaryDirectory _folder = CorpusFolder();

    private static TemporaryDirectory CorpusFolder()
    {
        var folder = new TemporaryDirectory();
        TinyExperiment.WriteCorpus(folder.Path);
        return folder;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void MissingCorpus() =>
        TrainFails(c => c with { Data = c.Data with { Train = CorpusSource.FromTsv(_folder.File("absent.tsv")) } },
            $"{_folder.File("absent.tsv")}: file not found");

    [Fact]
    public void EmptyCorpus()
    {
        File.WriteAllText(_folder.File("train.tsv"), "");
        TrainFails(c => c, $"{_folder.File("train.tsv")}: no sentence pairs");
    }

    [Fact]
    public void MismatchedLineCounts()
    {
        File.WriteAllLines(_folder.File("train.en"), ["one two.", "three."]);
        File.WriteAllLines(_folder.File("train.fr"), ["un deux."]);
        TrainFails(c => c with { Data = c.Data with { Train = CorpusSource.FromFiles(_folder.File("train.en"), _folder.File("train.fr")) } },
            "has 2 lines but");
    }

    [Fact]
    public void WrongTsvFieldCount()
    {
        File.AppendAllText(_folder.File("train.tsv"), "one\ttwo\tthree\n");
        TrainFails(c => c, $"{_folder.File("train.tsv")}:61: expected 2 tab-separated fields, found 3");
    }

    [Fact]
    public void InvalidUtf8InTsv()
    {
        using (var file = File.Open(_folder.File("train.tsv"), FileMode.Append))
            file.Write([0x6F, 0x6E, 0x65, 0xC3, 0x28, 0x09, 0x75, 0x6E, 0x0A]);
        TrainFails(c => c, $"{_folder.File("train.tsv")}:61: invalid UTF-8");
    }

    [Fact]
    public void InvalidUtf8InPlainText()
    {
        File.WriteAllLines(_folder.File("train.en"), ["one two.", "three."]);
        File.WriteAllBytes(_folder.File("train.fr"), [.. Encoding.UTF8.GetBytes("un deux.\n"), 0xFF, 0x0A]);
        TrainFails(c => c with { Data = c.Data with { Train = CorpusSource.FromFiles(_folder.File("train.en"), _folder.File("train.fr")) } },
            $"{_folder.File("train.fr")}:2: invalid UTF-8");
    }

    [Fact]
    public void ConfigurationWithAnUnknownKey() =>
        ConfigFails("""{ "data": { "train": { "tsv": "train.tsv" } }, "models": [ { "name": "m", "type": "rnn", "drop": 0.1 } ] }""",
            "unknown key 'models[0].drop'");

    [Fact]
    public void ConfigurationWithAWrongType() =>
        ConfigFails("""{ "data": { "train": { "tsv": "train.tsv" }, "merges": "many" }, "models": [ { "name": "m", "type": "rnn" } ] }""",
            "data.merges: expected an integer");

    [Fact]
    public void ConfigurationWithANegativeSize() =>
        ConfigFails("""{ "data": { "train": { "tsv": "train.tsv" } }, "models": [ { "name": "m", "type": "transformer", "transformer": { "feedForwardSize": -1 } } ] }""",
            "models[0].transformer.feedForwardSize: expected a positive integer, got -1");

    [Fact]
    public void ConfigurationThatIsNotJson() =>
        ConfigFails("models: [rnn]", "line 1: invalid JSON");

    [Fact]
    public void MissingConfiguration() =>
        Fails(["--config", _folder.File("none.json")], $"{_folder.File("none.json")}: config not found");

    [Fact]
    public void TruncatedCheckpoint()
    {
        string copy = CopyRun();
        string checkpoint = RunDirectory.Open(copy).BestCheckpoint("rnn");
        byte[] bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, bytes[..(bytes.Length / 2)]);
        Fails(["translate", "--run", copy], $"{checkpoint}: checkpoint is truncated");
    }

    [Fact]
    public void CorruptedCheckpoint()
    {
        string copy = CopyRun();
        string checkpoint = RunDirectory.Open(copy).BestCheckpoint("rnn");
        byte[] bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(checkpoint, bytes);
        Fails(["translate", "--run", copy], $"{checkpoint}: checkpoint is corrupted (checksum mismatch)");
    }

    [Fact]
    public void AFileThatIsNotACheckpoint()
    {
        string copy = CopyRun();
        string checkpoint = Path.Combine(copy, "rnn", "latest.ckpt");
        File.WriteAllText(checkpoint, "not a checkpoint");
        Fails(["translate", "--run", copy], $"{checkpoint}: not a checkpoint of this toolkit");
    }

    [Fact]
    public void ACheckpointWhoseVocabularyDoesNotMatch()
    {
        string copy = CopyRun();
        string vocabulary = Path.Combine(copy, "data", "vocab.target.json");
        var other = Vocabulary.Load(vocabulary);
        Vocabulary.Build([other.Tokens.Skip(4).Reverse()], 1).Save(vocabulary);
        Fails(["translate", "--run", copy], "the checkpoint was trained with other vocabularies than");
    }

    [Fact]
    public void ARunFolderWithoutAModel()
    {
        string copy = CopyRun();
        Directory.Delete(Path.Combine(copy, "rnn"), recursive: true);
        Fails(["translate", "--run", copy], $"{copy}: no trained model in this run (no <model>/latest.ckpt)");
    }

    [Fact]
    public void AFolderThatIsNotARun() =>
        Fails(["translate", "--run", _folder.Path], $"{_folder.Path}: not a run folder (no config.json)");

    [Fact]
    public void ARunFolderThatDoesNotExist() =>
        Fails(["evaluate", "--run", _folder.File("gone")], $"{_folder.File("gone")}: run folder not found");

    [Fact]
    public void AnUnknownModelName() =>
        Fails(["translate", "--run", run.RunPath, "--model", "lstm"], "--model: this run has no model 'lstm' (it has rnn)");

    [Fact]
    public void ANonPositiveBeam() =>
        Fails(["translate", "--run", run.RunPath, "--beam", "0"], "--beam: expected an integer from 1 to 100, got 0");

    [Fact]
    public void ABeamBeyondTheLimit() =>
        Fails(["evaluate", "--run", run.RunPath, "--beam", "100000"], "--beam: expected an integer from 1 to 100, got 100000");

    [Fact]
    public void ADecodingLengthBeyondTheLimit() =>
        TrainFails(c => c with { Evaluation = c.Evaluation with { MaxLengthOffset = int.MaxValue } },
            "evaluation.maxLengthOffset: expected a number in [1, 1000], got 2147483647");

    [Theory]
    [InlineData("translate", "0")]
    [InlineData("evaluate", "-1")]
    [InlineData("compare", "0")]
    public void ANonPositiveThreadCount(string command, string threads)
    {
        File.WriteAllLines(_folder.File("src.txt"), ["one two."]);
        string[] args = command == "compare"
            ? ["compare", "--run", run.RunPath, "--src", _folder.File("src.txt"), "--ref", _folder.File("src.txt"),
                "--out", _folder.File("out"), "--threads", threads]
            : [command, "--run", run.RunPath, "--threads", threads];
        Fails(args, $"--threads: expected an integer from 1 to 256, got {threads}");
    }

    [Fact]
    public void ConfiguredThreadsBeyondTheLimit() =>
        TrainFails(c => c with { Threads = 100_000 }, "threads: expected an integer from 1 to 256, got 100000");

    [Fact]
    public void AnOutputFolderThatIsAFile() =>
        Fails(["prepare", "--tsv", _folder.File("train.tsv"), "--out", _folder.File("dev.tsv")],
            $"--out: {_folder.File("dev.tsv")} is a file, expected a folder");

    [Fact]
    public void AnOutputFolderUnderAFile() =>
        Fails(["align", "--run", run.RunPath, "--model", "rnn", "--src", "one two.", "--out", Path.Combine(_folder.File("dev.tsv"), "out")],
            $"lies under the file {_folder.File("dev.tsv")}, expected a folder");

    [Fact]
    public void AnUnknownCommand() =>
        Fails(["tarin"], "Unrecognized command or argument 'tarin'");

    [Fact]
    public void NeitherConfigurationNorRunToResume() =>
        Fails([], "expected --config <file> to train, or --resume <run folder> to continue");

    [Fact]
    public void ResumingARunWhoseCorpusIsGone()
    {
        string copy = CopyRun();
        var config = RunDirectory.Open(copy).Config;
        File.WriteAllText(Path.Combine(copy, RunDirectory.ConfigFile), JsonConfig.Serialize(config with
        {
            Data = config.Data with { Train = CorpusSource.FromTsv(_folder.File("moved.tsv")) },
        }));
        Fails(["--resume", copy], $"{_folder.File("moved.tsv")}: file not found");
    }

    [Fact]
    public void GoldAlignmentsWithALinkOutOfRange()
    {
        File.WriteAllLines(_folder.File("src.txt"), ["one two."]);
        File.WriteAllLines(_folder.File("ref.txt"), ["un deux."]);
        File.WriteAllLines(_folder.File("gold.align"), ["0-0 1-1 7-2"]);
        Fails(["compare", "--run", run.RunPath, "--src", _folder.File("src.txt"), "--ref", _folder.File("ref.txt"),
            "--gold", _folder.File("gold.align"), "--out", _folder.File("out")], $"{_folder.File("gold.align")}:1:");
    }

    [Fact]
    public void AMissingTestGoldStopsBeforeTraining() =>
        TrainFails(c => c with { Alignment = c.Alignment! with { TestGold = _folder.File("absent.align") } },
            $"{_folder.File("absent.align")}: alignment file not found");

    [Fact]
    public void ATestGoldWithALineMissingStopsBeforeTraining()
    {
        File.WriteAllLines(_folder.File("test.align"), File.ReadAllLines(_folder.File("test.align")).Skip(1));
        TrainFails(c => c, $"{_folder.File("test.align")}: 9 lines, expected one per sentence pair (10)");
        Assert.False(Directory.Exists(_folder.File("runs")));
    }

    [Fact]
    public void ADevGoldWithALinkOutOfRangeStopsBeforeTraining()
    {
        var lines = File.ReadAllLines(_folder.File("dev.align"));
        lines[1] = "99-99";
        File.WriteAllLines(_folder.File("dev.align"), lines);
        TrainFails(c => c, $"{_folder.File("dev.align")}:2: link 99-99 (0-based) is outside the pair's");
    }

    [Fact]
    public void ADevGoldWithoutADevSplit() =>
        TrainFails(c => c with { Data = c.Data with { Dev = null } },
            "alignment.devGold: needs a dev split (data.dev or data.devSize)");

    [Fact]
    public void ARunsDirectoryThatIsAFile() =>
        TrainFails(c => c with { RunsDirectory = _folder.File("train.tsv") },
            $"runsDirectory: {_folder.File("train.tsv")} is a file, expected a folder");

    [Fact]
    public void ARunsDirectoryUnderAFile() =>
        TrainFails(c => c with { RunsDirectory = Path.Combine(_folder.File("train.tsv"), "runs") },
            $"runsDirectory: {Path.Combine(_folder.File("train.tsv"), "runs")} lies under the file {_folder.File("train.tsv")}, expected a folder");

    [Fact]
    public void AnEmptyRunsDirectory() =>
        TrainFails(c => c with { RunsDirectory = "" }, "runsDirectory: expected the path of a folder, got \"\"");

    [Fact]
    public void ResumingARunWhoseConfigurationIsInvalid()
    {
        string copy = CopyRun();
        var config = RunDirectory.Open(copy).Config;
        string file = Path.Combine(copy, RunDirectory.ConfigFile);
        File.WriteAllText(file, JsonConfig.Serialize(config with { Threads = 0 }));
        Fails(["--resume", copy], $"error: {file}: threads: expected an integer from 1 to 256, got 0");
    }

    [Fact]
    public void TranslatingWithARunWhoseConfigurationIsInvalid()
    {
        string copy = CopyRun();
        var config = RunDirectory.Open(copy).Config;
        string file = Path.Combine(copy, RunDirectory.ConfigFile);
        File.WriteAllText(file, JsonConfig.Serialize(config with { Data = config.Data with { MaxLength = 0 } }));
        Fails(["translate", "--run", copy], $"error: {file}: data.maxLength: ");
    }

    [Fact]
    public void ResumingARunWhoseGoldIsTooShortStopsBeforeTheModels()
    {
        string copy = CopyRun();
        var config = RunDirectory.Open(copy).Config;
        File.WriteAllLines(_folder.File("test.align"), File.ReadAllLines(_folder.File("test.align")).Skip(1));
        File.WriteAllText(Path.Combine(copy, RunDirectory.ConfigFile), JsonConfig.Serialize(config with
        {
            Alignment = config.Alignment! with { TestGold = _folder.File("test.align") },
        }));
        Fails(["--resume", copy], $"{_folder.File("test.align")}: 9 lines, expected one per sentence pair (10)");
    }

    [Theory]
    [InlineData("ref.txt")]
    [InlineData("gold.align")]
    public void InvalidUtf8InComparisonInputs(string broken)
    {
        File.WriteAllLines(_folder.File("src.txt"), ["one two."]);
        File.WriteAllLines(_folder.File("ref.txt"), ["un deux."]);
        File.WriteAllLines(_folder.File("gold.align"), ["0-0 1-1"]);
        File.WriteAllBytes(_folder.File(broken), [.. File.ReadAllBytes(_folder.File(broken)), 0xC3, 0x28, (byte)'\n']);
        Fails(["compare", "--run", run.RunPath, "--src", _folder.File("src.txt"), "--ref", _folder.File("ref.txt"),
            "--gold", _folder.File("gold.align"), "--out", _folder.File("out")], $"{_folder.File(broken)}:2: invalid UTF-8");
    }

    private void TrainFails(Func<ExperimentConfig, ExperimentConfig> change, string expected)
    {
        string config = _folder.File("config.json");
        File.WriteAllText(config, JsonConfig.Serialize(change(TinyExperiment.Config(_folder.Path, TinyExperiment.Rnn(maxSteps: 2)))));
        Fails(["--config", config], expected);
    }

    private void ConfigFails(string json, string expected)
    {
        string config = _folder.File("bad.json");
        File.WriteAllText(config, json);
        Fails(["--config", config], $"{config}: ", expected);
    }

    /// <summary>Runs the command and checks the one-line error and that no file appeared.</summary>
    private void Fails(string[] args, params string[] expected)
    {
        var before = Snapshot();
        var (exitCode, output, error) = ProgramRunner.Run(args);

        Assert.Equal(Program.UserError, exitCode);
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        foreach (string fragment in expected)
            Assert.Contains(fragment, lines[0]);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
        Assert.Equal(before, Snapshot());
    }

    /// <summary>Every file under the temporary folder and the shared run, with its size and time.</summary>
    private string[] Snapshot() =>
        new[] { _folder.Path, Path.GetDirectoryName(run.RunPath)! }
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}")
            .Order().ToArray();

    /// <summary>A private copy of the shared tiny run, to damage.</summary>
    private string CopyRun()
    {
        string copy = _folder.File("run");
        foreach (string file in Directory.EnumerateFiles(run.RunPath, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(run.RunPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }
}
