using Seq2Seq.Data;
using Seq2Seq.Train;

namespace Seq2Seq.Tests.Data;

/// <summary>Runs <c>prepare</c> through <see cref="Program.Main"/> in-process; these tests redirect the console, so
/// they run alone.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PrepareCommandTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => ProgramRunner.Run(args);

    [Fact]
    public void PreparesATinyCorpusAndPrintsTheSummary()
    {
        string source = _dir.Write("train.en", string.Concat(TestCorpora.EnglishFrench.Select(p => p.English + "\n")) + "\n");
        string target = _dir.Write("train.fr", string.Concat(TestCorpora.EnglishFrench.Select(p => p.French + "\n")) + "\n");
        string outDir = _dir.File("out");

        var (exitCode, output, error) = Run("prepare", "--src", source, "--tgt", target, "--merges", "200", "--joint",
            "--max-len", "50", "--dev-size", "2", "--out", outDir);

        Assert.Equal("", error);
        Assert.Equal(Program.Success, exitCode);
        string[] lines = output.Split('\n');
        Assert.Equal("split  read  kept  empty  too long  carved out  from", lines[0]);
        Assert.Equal($"train    13    10      1         0           2  {source} + {target}", lines[1]);
        Assert.Equal($"dev       2     2      0         0           0  carved from {source} + {target}", lines[2]);
        Assert.Contains("BPE: joint, ", output);
        foreach (string name in new[] { "bpe.vocab.json", "bpe.merges.txt", "vocab.source.json", "vocab.target.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), name);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void SeparateModelsFromATsv()
    {
        string tsv = _dir.Write("train.tsv", string.Concat(TestCorpora.EnglishFrench.Select(p => $"{p.English}\t{p.French}\n")));
        string outDir = _dir.File("out");

        var (exitCode, output, _) = Run("prepare", "--tsv", tsv, "--merges", "50", "--separate", "--out", outDir);

        Assert.Equal(Program.Success, exitCode);
        Assert.Contains("BPE: separate, ", output);
        Assert.True(File.Exists(Path.Combine(outDir, "bpe.target.merges.txt")));
    }

    [Fact]
    public void BadCorpusExitsWithOneLineNamingFileAndLine()
    {
        string tsv = _dir.Write("train.tsv", "a\tb\nc\td\te\n");

        var (exitCode, output, error) = Run("prepare", "--tsv", tsv, "--out", _dir.File("out"));

        Assert.Equal(Program.UserError, exitCode);
        Assert.Equal($"error: {tsv}:2: expected 2 tab-separated fields, found 3{Environment.NewLine}", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(_dir.File("out")));
    }

    [Fact]
    public void MismatchedFilesExitWithBothCounts()
    {
        string source = _dir.Write("train.en", "a\nb\nc\n");
        string target = _dir.Write("train.fr", "x\ny\n");

        var (exitCode, _, error) = Run("prepare", "--src", source, "--tgt", target, "--out", _dir.File("out"));

        Assert.Equal(Program.UserError, exitCode);
        Assert.Equal($"error: {source} has 3 lines but {target} has 2{Environment.NewLine}", error);
    }

    [Fact]
    public void OutOfRangeNumbersAreParseErrorsNamingTheOption()
    {
        string tsv = _dir.Write("train.tsv", "a\tb\n");

        var (exitCode, _, error) = Run("prepare", "--tsv", tsv, "--max-len", "0", "--out", _dir.File("out"));

        Assert.Equal(1, exitCode);
        Assert.Equal("error: --max-len: expected an integer of at least 1, found 0 (see --help)", error.Trim());
        Assert.False(Directory.Exists(_dir.File("out")));
    }

    [Theory]
    [InlineData("--joint", "--separate")]
    [InlineData("--src", "only.en")]
    public void ContradictoryOrIncompleteOptionsExitWithAUserError(string first, string second)
    {
        string tsv = _dir.Write("train.tsv", "a\tb\n");
        string[] args = first == "--src"
            ? ["prepare", first, second, "--out", _dir.File("out")]
            : ["prepare", "--tsv", tsv, first, second, "--out", _dir.File("out")];

        var (exitCode, _, error) = Run(args);

        Assert.Equal(Program.UserError, exitCode);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", error);
    }
}
