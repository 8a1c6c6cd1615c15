using Seq2Seq.Data;
using Seq2Seq.Tests.Data;
using Seq2Seq.Train;
using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

/// <summary>Runs <c>align</c> and <c>compare</c> through <see cref="Program.Main"/> on a tiny run folder; these tests
/// redirect the console, so they run alone.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class AlignAndCompareCommandTests : IDisposable
{
    private readonly TinyRun _run = new();

    public void Dispose() => _run.Dispose();

    private static (int ExitCode, string Output, string Error) Invoke(params string[] args) => ProgramRunner.Run(args);

    private static void AssertOneLineError(string expected, (int ExitCode, string Output, string Error) result)
    {
        Assert.Equal(Program.UserError, result.ExitCode);
        Assert.Equal($"error: {expected}{Environment.NewLine}", result.Error);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void AlignWritesEveryMatrixAndPrintsTheHardAlignmentOfTheReference()
    {
        string outDir = _run.File("align");

        var (exitCode, output, error) = Invoke("align", "--run", _run.Path, "--model", TinyRun.Transformer,
            "--src", "The man sees the hotel.", "--ref", "L'homme voit l'hôtel.", "--layer", "0", "--out", outDir);

        Assert.Equal("", error);
        Assert.Equal(Program.Success, exitCode);
        string[] lines = Lines(output);
        Assert.Equal("source:      The man sees the hotel .", lines[0]);
        Assert.Equal("reference:   L' homme voit l' hôtel .", lines[1]);
        Assert.Equal("attention:   transformer · layer 0 · mean · naive (as asked)", lines[2]);
        var links = GoldAlignmentReader.ParseLine(lines[3], zeroBased: true, "stdout").Links;
        Assert.All(links, l => Assert.InRange(l.Source, 0, 5));
        // One line per target word: "source → target", in target order.
        Assert.Equal(["L'", "homme", "voit", "l'", "hôtel", "."], lines.Skip(4).Take(6).Select(l => l.Split(" → ")[1]));
        Assert.Equal($"wrote 17 files to {outDir}", lines[^1]);

        // 2 layers × (mean + 2 heads) × 2 conventions as CSV, one JSON of all, a heatmap per layer mean and convention.
        Assert.Equal(12, Directory.GetFiles(outDir, "transformer.L*.csv").Length);
        Assert.Equal(["transformer.L0.Hmean.naive.png", "transformer.L0.Hmean.shifted.png",
                "transformer.L1.Hmean.naive.png", "transformer.L1.Hmean.shifted.png"],
            Directory.GetFiles(outDir, "*.png").Select(Path.GetFileName).Order());
        var all = AlignmentMatrixExport.ReadJson(Path.Combine(outDir, "transformer.json"));
        Assert.Equal(12, all.Count);
        AlignmentMatrix csv = AlignmentMatrixExport.ReadCsv(Path.Combine(outDir, "transformer.L0.Hmean.naive.csv"));
        AlignmentMatrix json = all.Single(m => m is { Layer: 0, Head: null, Convention: AttentionConvention.Naive });
        Assert.Equal(json.Weights, csv.Weights);
        Assert.Equal(links, HardAligner.Align(json.Weights, EosColumn.LeavesUnaligned));
    }

    /// <summary>Control characters in a sentence are shown escaped on the terminal, and kept in the files.</summary>
    [Fact]
    public void AlignShowsControlCharactersEscaped()
    {
        string outDir = _run.File("control");

        var (exitCode, output, error) = Invoke("align", "--run", _run.Path, "--model", TinyRun.Transformer,
            "--src", "The man\u0007 sees \u001b[31mred", "--ref", "L'homme voit", "--out", outDir);

        Assert.Equal("", error);
        Assert.Equal(Program.Success, exitCode);
        Assert.DoesNotContain(output.Replace("\n", ""), char.IsControl);
        Assert.Contains(@"\x07", Lines(output)[0]);
        Assert.Contains(@"\x1B", Lines(output)[0]);
        var tokens = AlignmentMatrixExport.ReadJson(Path.Combine(outDir, "transformer.json"))[0].SourceTokens;
        Assert.Contains(tokens, t => t.Contains('\u0007'));
    }

    [Fact]
    public void AlignWithoutAReferenceAlignsTheModelsOwnTranslation()
    {
        string outDir = _run.File("align");

        var (exitCode, output, error) = Invoke("align", "--run", _run.Path, "--model", TinyRun.Rnn,
            "--src", "A child plays with a red ball.", "--out", outDir);

        Assert.Equal("", error);
        Assert.Equal(Program.Success, exitCode);
        string[] lines = Lines(output);
        Assert.StartsWith("translation: ", lines[1]);
        Assert.Equal("attention:   rnn · naive (default)", lines[2]);
        Assert.Equal(["rnn.json", "rnn.naive.csv", "rnn.naive.png", "rnn.shifted.csv", "rnn.shifted.png"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AlignReportsBadInputInOneLine()
    {
        string outDir = _run.File("align");

        AssertOneLineError("--model: this run has no model 'lstm' (it has rnn, transformer)",
            Invoke("align", "--run", _run.Path, "--model", "lstm", "--src", "Hello.", "--out", outDir));
        AssertOneLineError("--layer: expected a layer from 0 to 1 (model 'transformer' has 2), got 2",
            Invoke("align", "--run", _run.Path, "--model", TinyRun.Transformer, "--src", "Hello.", "--layer", "2", "--out", outDir));
        AssertOneLineError("--src: expected a sentence with at least one word",
            Invoke("align", "--run", _run.Path, "--model", TinyRun.Rnn, "--src", " ", "--out", outDir));
        AssertOneLineError($"{_run.File("nowhere")}: run folder not found",
            Invoke("align", "--run", _run.File("nowhere"), "--model", TinyRun.Rnn, "--src", "Hello.", "--out", outDir));
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>Test and dev files of the tiny corpus, with diagonal gold alignments (0-based).</summary>
    private (string Src, string Ref, string Gold, string DevSrc, string DevRef, string DevGold) WriteCorpus()
    {
        static string Diagonal(SentencePair pair) => PharaohWriter.Format(DiagonalAligner.Align(
            WordTokenizer.Tokenize(pair.Source).Count, WordTokenizer.Tokenize(pair.Target).Count));
        var test = TinyRun.Pairs.Take(4).ToList();
        var dev = TinyRun.Pairs.Skip(4).Take(3).ToList();
        return (_run.WriteLines("test.en", test.Select(p => p.Source)), _run.WriteLines("test.fr", test.Select(p => p.Target)),
            _run.WriteLines("test.align", test.Select(Diagonal)),
            _run.WriteLines("dev.en", dev.Select(p => p.Source)), _run.WriteLines("dev.fr", dev.Select(p => p.Target)),
            _run.WriteLines("dev.align", dev.Select(Diagonal)));
    }

    [Fact]
    public void CompareScoresEveryTrainedModelAndPrintsTheSummary()
    {
        var files = WriteCorpus();
        string outDir = _run.File("compare");

        var (exitCode, output, error) = Invoke("compare", "--run", _run.Path, "--src", files.Src, "--ref", files.Ref,
            "--gold", files.Gold, "--dev-src", files.DevSrc, "--dev-ref", files.DevRef, "--dev-gold", files.DevGold,
            "--figures", "1", "--out", outDir);

        Assert.Equal("", error);
        Assert.Equal(Program.Success, exitCode);
        Assert.Contains($"- Test: 4 sentence pairs, scored against {files.Gold}.", output);
        Assert.Contains("| model | layer | head | convention | AER |", output);
        // The gold is the diagonal itself: the baseline is perfect.
        Assert.Contains("| diagonal | - | - | - | 0.00 | 100.00 | 100.00 | 4 | 0.00 |  |", output);
        Assert.Contains("| rnn vs transformer |", output);
        Assert.EndsWith($"wrote 11 files to {outDir}{Environment.NewLine}", output);
        Assert.True(File.Exists(Path.Combine(outDir, "figures", "001.compare.png")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(outDir, "transformer.test.align")).Length);
        var chosen = ChosenAlignment.Read(Path.Combine(outDir, ChosenAlignment.FileName), TinyRun.Transformer);
        Assert.True(chosen!.Value.ChosenOnDev);
    }

    [Fact]
    public void AlignUsesTheConfigurationTheRunsComparisonChose()
    {
        var files = WriteCorpus();
        string alignments = Path.Combine(_run.Path, "alignments");
        var compared = Invoke("compare", "--run", _run.Path, "--src", files.Src, "--ref", files.Ref, "--gold", files.Gold,
            "--dev-src", files.DevSrc, "--dev-ref", files.DevRef, "--dev-gold", files.DevGold, "--figures", "0",
            "--out", alignments);
        Assert.Equal(Program.Success, compared.ExitCode);
        var chosen = ChosenAlignment.Read(Path.Combine(alignments, ChosenAlignment.FileName), TinyRun.Transformer)!.Value;

        var (exitCode, output, _) = Invoke("align", "--run", _run.Path, "--model", TinyRun.Transformer,
            "--src", "Hello.", "--ref", "Bonjour.", "--out", _run.File("align"));

        Assert.Equal(Program.Success, exitCode);
        Assert.Equal($"attention:   transformer · {chosen.Configuration.Describe()} (chosen on dev)", Lines(output)[2]);
    }

    [Fact]
    public void CompareReadsOneBasedGoldAndWhitespaceTokens()
    {
        // Pre-tokenised text, 1-based links (the WPT/Hansards format): "l' homme" is two tokens as written.
        string src = _run.WriteLines("test.en", ["the man sees the hotel .", "we wait ."]);
        string reference = _run.WriteLines("test.fr", ["l' homme voit l' hôtel .", "nous attendons ."]);
        string gold = _run.WriteLines("test.talp", ["1-1 2-2 3-3 4-4 5-5 6-6", "1-1 2-2 3p3"]);

        var (exitCode, output, error) = Invoke("compare", "--run", _run.Path, "--src", src, "--ref", reference, "--gold", gold,
            "--one-based", "--tokens", "whitespace", "--figures", "0", "--out", _run.File("out"));

        Assert.Equal("", error);
        Assert.Equal(Program.Success, exitCode);
        // The diagonal of a 6 × 6 and a 3 × 3 pair is exactly this gold: AER 0.
        Assert.Contains("| diagonal | - | - | - | 0.00 | 100.00 | 100.00 | 2 | - |  |", output);
        Assert.Contains("not chosen: no dev gold", output);
    }

    [Fact]
    public void CompareReportsBadFilesInOneLineNamingFileAndLine()
    {
        var files = WriteCorpus();
        string outDir = _run.File("compare");
        string shortRef = _run.WriteLines("short.fr", File.ReadLines(files.Ref).Take(3));
        string blank = _run.WriteLines("blank.fr", File.ReadLines(files.Ref).Take(1).Append("").Concat(File.ReadLines(files.Ref).Skip(2)));
        var goldLines = File.ReadAllLines(files.Gold);
        goldLines[2] = "0-0 40-1";
        string badGold = _run.WriteLines("bad.align", goldLines);
        string malformed = _run.WriteLines("malformed.align", goldLines.Take(1).Append("0-0 1:1").Concat(goldLines.Skip(2)));

        AssertOneLineError($"{shortRef}: 3 lines, expected one per line of {files.Src} (4)",
            Invoke("compare", "--run", _run.Path, "--src", files.Src, "--ref", shortRef, "--out", outDir));
        AssertOneLineError($"{blank}:2: empty line, expected a sentence",
            Invoke("compare", "--run", _run.Path, "--src", files.Src, "--ref", blank, "--out", outDir));
        var outside = Invoke("compare", "--run", _run.Path, "--src", files.Src, "--ref", files.Ref, "--gold", badGold, "--out", outDir);
        Assert.Equal(Program.UserError, outside.ExitCode);
        Assert.StartsWith($"error: {badGold}:3: link 40-1 (0-based) is outside the pair's", outside.Error);
        Assert.Single(Lines(outside.Error));
        AssertOneLineError($"{malformed}:2: bad alignment link '1:1': expected i-j (sure) or ipj (possible) with 0-based indices",
            Invoke("compare", "--run", _run.Path, "--src", files.Src, "--ref", files.Ref, "--gold", malformed, "--out", outDir));
        AssertOneLineError("--dev-ref: missing (expected with --dev-src)",
            Invoke("compare", "--run", _run.Path, "--src", files.Src, "--ref", files.Ref, "--dev-src", files.DevSrc, "--out", outDir));
        AssertOneLineError("--dev-gold: missing (the dev pairs only serve to choose each model's layer on their gold alignments)",
            Invoke("compare", "--run", _run.Path, "--src", files.Src, "--ref", files.Ref, "--dev-src", files.DevSrc,
                "--dev-ref", files.DevRef, "--out", outDir));
        Assert.False(Directory.Exists(outDir));
    }

    [SharedCorpusFact(SharedCorpus.Hansards)]
    public void CompareRunsOnTheHansardsGoldWithWhitespaceTokensAndOneBasedLinks()
    {
        string folder = SharedCorpus.Folder(SharedCorpus.Hansards)!;
        string src = _run.WriteLines("hansards.en", File.ReadLines(Path.Combine(folder, "test.en")).Take(8));
        string reference = _run.WriteLines("hansards.fr", File.ReadLines(Path.Combine(folder, "test.fr")).Take(8));
        string gold = _run.WriteLines("hansards.talp", File.ReadLines(Path.Combine(folder, "test.enfr.gold.talp")).Take(8));
        string devSrc = _run.WriteLines("trial.en", File.ReadLines(Path.Combine(folder, "trial.en")).Take(4));
        string devRef = _run.WriteLines("trial.fr", File.ReadLines(Path.Combine(folder, "trial.fr")).Take(4));
        string devGold = _run.WriteLines("trial.talp", File.ReadLines(Path.Combine(folder, "trial.enfr.gold.talp")).Take(4));

        var (exitCode, output, error) = Invoke("compare", "--run", _run.Path, "--src", src, "--ref", reference, "--gold", gold,
            "--dev-src", devSrc, "--dev-ref", devRef, "--dev-gold", devGold, "--one-based", "--tokens", "whitespace",
            "--figures", "0", "--out", _run.File("out"));

        Assert.Equal("", error);
        Assert.Equal(Program.Success, exitCode);
        Assert.Contains("| diagonal | - | - | - |", output);
        Assert.Contains("lowest dev AER", output);
    }
}
