using System.CommandLine;
using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Alignments;
using Seq2Seq.Train.Experiments;
using Seq2Seq.Train.Runs;
using TorchSharp;

namespace Seq2Seq.Train.Commands;

/// <summary>
/// <c>compare</c>: runs <see cref="AlignmentComparison"/> on every trained model of a run over line-aligned source and
/// reference files, with optional gold alignments (test, and dev for choosing each model's layer and convention), and
/// prints the summary.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "the run folder", Required = true };
        var src = new Option<string>("--src") { Description = "source sentences, one per line", Required = true };
        var reference = new Option<string>("--ref") { Description = "their reference translations, line-aligned with --src", Required = true };
        var gold = new Option<string?>("--gold") { Description = "gold alignments of the --src/--ref pairs (i-j sure, ipj possible, source index first)" };
        var oneBased = new Option<bool>("--one-based") { Description = "the gold files count words from 1 (WPT/Hansards), not from 0 (Pharaoh)" };
        var devSrc = new Option<string?>("--dev-src") { Description = "dev source sentences, for choosing each model's layer and convention" };
        var devRef = new Option<string?>("--dev-ref") { Description = "dev reference translations" };
        var devGold = new Option<string?>("--dev-gold") { Description = "gold alignments of the dev pairs" };
        var tokens = new Option<WordTokenization>("--tokens")
            { Description = "words: the word tokenizer; whitespace: the files' own tokens", DefaultValueFactory = _ => WordTokenization.Words };
        var figures = new Option<int>("--figures")
            { Description = "test pairs (from the first) whose matrices and heatmaps are written", DefaultValueFactory = _ => 12 };
        var threads = new Option<int?>("--threads") { Description = "intra-op threads (default: the run's)" };
        var output = new Option<string>("--out") { Description = "folder for the tables, alignments, matrices and figures", Required = true };
        figures.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
                result.AddError("--figures: expected an integer of at least 0");
        });

        var command = new Command("compare",
            "Score every trained model's attention as word alignments, choose layers on dev gold, write tables and figures.")
        {
            run, src, reference, gold, oneBased, devSrc, devRef, devGold, tokens, figures, threads, output,
        };
        command.SetAction(parse =>
        {
            Run(new Request(parse.GetValue(run)!, parse.GetValue(src)!, parse.GetValue(reference)!, parse.GetValue(gold),
                parse.GetValue(oneBased), parse.GetValue(devSrc), parse.GetValue(devRef), parse.GetValue(devGold),
                parse.GetValue(tokens), parse.GetValue(figures), parse.GetValue(threads), parse.GetValue(output)!), Console.Out);
            return Program.Success;
        });
        return command;
    }

    /// <summary>The command's arguments.</summary>
    public sealed record Request(string Run, string Source, string Reference, string? Gold, bool OneBased,
        string? DevSource, string? DevReference, string? DevGold, WordTokenization Tokens, int Figures, int? Threads,
        string Out);

    /// <summary>Reads and checks the files, compares, and prints the summary to <paramref name="output"/>.</summary>
    public static ComparisonResult Run(Request request, TextWriter output)
    {
        OutputFolder.Check(request.Out, "--out");
        var test = ReadPairs(request.Source, request.Reference);
        var testGold = request.Gold is null ? null : GoldAlignmentReader.Read(request.Gold, zeroBased: !request.OneBased);
        IReadOnlyList<SentencePair>? dev = null;
        IReadOnlyList<GoldAlignment>? devGold = null;
        if (request.DevSource is not null || request.DevReference is not null || request.DevGold is not null)
        {
            string devSource = request.DevSource ?? throw Missing("--dev-src", request);
            string devReference = request.DevReference ?? throw Missing("--dev-ref", request);
            string devGoldPath = request.DevGold
                ?? throw new UserException("--dev-gold: missing (the dev pairs only serve to choose each model's layer on their gold alignments)");
            dev = ReadPairs(devSource, devReference);
            devGold = GoldAlignmentReader.Read(devGoldPath, zeroBased: !request.OneBased);
        }

        var runDirectory = RunDirectory.Open(request.Run);
        DeviceSetup.SetThreads(request.Threads ?? runDirectory.Config.Threads, request.Threads is null ? "threads" : "--threads");
        var names = runDirectory.TrainedModels();
        if (names.Count == 0)
            throw new UserException($"{request.Run}: no trained model in this run yet");
        var codecs = runDirectory.LoadCodecs();
        var models = new List<(string Name, Seq2SeqModel Model)>();
        try
        {
            foreach (string name in names)
                models.Add((name, runDirectory.LoadModel(name)));
            var result = AlignmentComparison.Run(models, codecs, test, testGold, dev, devGold, new ComparisonOptions
            {
                Tokenization = request.Tokens,
                Figures = request.Figures,
                TestName = request.Source,
                DevName = request.DevSource ?? "dev",
                TestGoldName = request.Gold ?? "test gold",
                DevGoldName = request.DevGold ?? "dev gold",
            }, request.Out);
            output.Write(result.Markdown);
            output.WriteLine();
            output.WriteLine($"wrote {result.Files.Count} files to {request.Out}");
            return result;
        }
        finally
        {
            foreach (var (_, model) in models)
                model.Dispose();
        }
    }

    private static UserException Missing(string option, Request request) =>
        new($"{option}: missing (expected with {(request.DevSource is not null ? "--dev-src" : request.DevReference is not null ? "--dev-ref" : "--dev-gold")})");

    /// <summary>Line k of <paramref name="sourcePath"/> with line k of <paramref name="referencePath"/>; every line a
    /// sentence.</summary>
    private static List<SentencePair> ReadPairs(string sourcePath, string referencePath)
    {
        var sources = ReadSentences(sourcePath);
        var references = ReadSentences(referencePath);
        if (sources.Count != references.Count)
            throw new UserException(
                $"{referencePath}: {references.Count} lines, expected one per line of {sourcePath} ({sources.Count})");
        return [.. sources.Zip(references, (s, r) => new SentencePair(s, r))];
    }

    private static List<string> ReadSentences(string path)
    {
        if (!File.Exists(path))
            throw new UserException($"{path}: file not found");
        var lines = new List<string>();
        foreach (string line in Utf8LineReader.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
                throw new UserException($"{path}:{lines.Count + 1}: empty line, expected a sentence");
            lines.Add(line);
        }
        if (lines.Count == 0)
            throw new UserException($"{path}: empty file, expected one sentence per line");
        return lines;
    }
}
