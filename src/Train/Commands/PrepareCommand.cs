using System.CommandLine;
using System.Diagnostics;
using Seq2Seq.Data;

namespace Seq2Seq.Train.Commands;

/// <summary>
/// <c>prepare</c>: reads and checks a parallel corpus, learns the BPE model on its training split, filters over-long
/// training pairs, builds the vocabularies, encodes every split, writes the tokenizer and vocabulary files
/// (see <see cref="SentenceCodecs"/>) to <c>--out</c>, and prints what was read, kept and filtered.
/// </summary>
public static class PrepareCommand
{
    public static Command Create()
    {
        var tsv = new Option<string?>("--tsv") { Description = "training corpus: a TSV file, source<TAB>target per line" };
        var src = new Option<string?>("--src") { Description = "training corpus: the source-language file (with --tgt)" };
        var tgt = new Option<string?>("--tgt") { Description = "training corpus: the target-language file, line-aligned with --src" };
        var devTsv = new Option<string?>("--dev-tsv") { Description = "dev corpus: a TSV file" };
        var devSrc = new Option<string?>("--dev-src") { Description = "dev corpus: the source file (with --dev-tgt)" };
        var devTgt = new Option<string?>("--dev-tgt") { Description = "dev corpus: the target file" };
        var testTsv = new Option<string?>("--test-tsv") { Description = "test corpus: a TSV file" };
        var testSrc = new Option<string?>("--test-src") { Description = "test corpus: the source file (with --test-tgt)" };
        var testTgt = new Option<string?>("--test-tgt") { Description = "test corpus: the target file" };
        var devSize = new Option<int>("--dev-size") { Description = "carve this many dev pairs out of the training corpus" };
        var testSize = new Option<int>("--test-size") { Description = "carve this many test pairs out of the training corpus" };
        var splitSeed = new Option<int>("--split-seed")
            { Description = "seed of the dev/test carving", DefaultValueFactory = _ => DataOptions.DefaultSplitSeed };
        var merges = new Option<int>("--merges")
            { Description = "number of BPE merges to learn", DefaultValueFactory = _ => DataOptions.DefaultMerges };
        var joint = new Option<bool>("--joint") { Description = "one BPE model for source and target (the default)" };
        var separate = new Option<bool>("--separate") { Description = "one BPE model per side" };
        var minFrequency = new Option<int>("--min-freq")
        {
            Description = "minimum count of a piece in the training split to enter a vocabulary",
            DefaultValueFactory = _ => DataOptions.DefaultMinFrequency,
        };
        var maxLength = new Option<int>("--max-len")
        {
            Description = "filter out training pairs with a side longer than this many BPE pieces",
            DefaultValueFactory = _ => DataOptions.DefaultMaxLength,
        };
        var output = new Option<string>("--out") { Description = "folder for the tokenizer and vocabulary files", Required = true };

        foreach (var (option, minimum) in new[] { (devSize, 0), (testSize, 0), (merges, 0), (minFrequency, 1), (maxLength, 1) })
            RequireAtLeast(option, minimum);

        var command = new Command("prepare",
            "Read and check a parallel corpus, learn BPE on its training split, build the vocabularies and write them to a folder.");
        foreach (var option in new Option[]
                 {
                     tsv, src, tgt, devTsv, devSrc, devTgt, testTsv, testSrc, testTgt, devSize, testSize, splitSeed,
                     merges, joint, separate, minFrequency, maxLength, output,
                 })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            if (result.GetValue(joint) && result.GetValue(separate))
                throw new UserException("--joint and --separate: expected one of them, not both");
            var options = new DataOptions
            {
                Train = Corpus(result, tsv, src, tgt)
                        ?? throw new UserException("expected a training corpus: --tsv <file>, or --src <file> --tgt <file>"),
                Dev = Corpus(result, devTsv, devSrc, devTgt),
                Test = Corpus(result, testTsv, testSrc, testTgt),
                DevSize = result.GetValue(devSize),
                TestSize = result.GetValue(testSize),
                SplitSeed = result.GetValue(splitSeed),
                Merges = result.GetValue(merges),
                Joint = !result.GetValue(separate),
                MinFrequency = result.GetValue(minFrequency),
                MaxLength = result.GetValue(maxLength),
            };
            Run(options, result.GetValue(output)!, Console.Out);
            return Program.Success;
        });
        return command;
    }

    /// <summary>Prepares the data and prints the summary, the BPE and vocabulary sizes, the files and the time.</summary>
    public static void Run(DataOptions options, string outDir, TextWriter output)
    {
        OutputFolder.Check(outDir, "--out");
        var clock = Stopwatch.StartNew();
        var prepared = DataPreparation.Prepare(options, outDir);
        clock.Stop();

        foreach (string line in SplitSummary.FormatTable(prepared.Summary))
            output.WriteLine(line);
        var codecs = prepared.Codecs;
        if (codecs.Joint)
        {
            output.WriteLine($"BPE: joint, {codecs.Source.Tokenizer.Model.Merges.Count} merges learned ({options.Merges} asked for)");
        }
        else
        {
            output.WriteLine($"BPE: separate, {codecs.Source.Tokenizer.Model.Merges.Count} source and " +
                             $"{codecs.Target.Tokenizer.Model.Merges.Count} target merges learned ({options.Merges} asked for)");
        }
        output.WriteLine($"vocabularies (min frequency {options.MinFrequency}): source {codecs.Source.Vocabulary.Count} " +
                         $"tokens, target {codecs.Target.Vocabulary.Count} tokens, 4 of them special");
        output.WriteLine($"wrote {string.Join(", ", prepared.Files)} to {outDir}");
        output.WriteLine($"prepared in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static void RequireAtLeast(Option<int> option, int minimum) =>
        option.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < minimum)
                result.AddError($"{option.Name}: expected an integer of at least {minimum}, found {value}");
        });

    private static CorpusSource? Corpus(ParseResult result, Option<string?> tsv, Option<string?> src, Option<string?> tgt)
    {
        string? tsvPath = result.GetValue(tsv), srcPath = result.GetValue(src), tgtPath = result.GetValue(tgt);
        if (tsvPath is not null && (srcPath is not null || tgtPath is not null))
            throw new UserException($"{tsv.Name}: expected either {tsv.Name} or {src.Name} and {tgt.Name}, not both");
        if (srcPath is null != tgtPath is null)
        {
            var (missing, given) = srcPath is null ? (src, tgt) : (tgt, src);
            throw new UserException($"{missing.Name}: missing (expected with {given.Name})");
        }
        return tsvPath is not null ? CorpusSource.FromTsv(tsvPath)
            : srcPath is not null ? CorpusSource.FromFiles(srcPath, tgtPath!)
            : null;
    }
}
