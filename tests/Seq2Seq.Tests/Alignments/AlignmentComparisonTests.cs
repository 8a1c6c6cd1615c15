using CsvHelper;
using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class AlignmentComparisonTests : IDisposable
{
    private readonly TinyRun _run = new();

    public void Dispose() => _run.Dispose();

    private static int Words(string text) => WordTokenizer.Tokenize(TextNormalizer.Normalize(text)).Count;

    /// <summary>A plausible gold alignment: the diagonal links sure, and each target word possibly linked to the
    /// first source word.</summary>
    private static GoldAlignment Gold(SentencePair pair)
    {
        int source = Words(pair.Source), target = Words(pair.Target);
        return new GoldAlignment(DiagonalAligner.Align(source, target)
            .Concat(Enumerable.Range(0, target).Select(t => new AlignmentLink(0, t, Sure: false))));
    }

    private List<(string Name, Seq2SeqModel Model)> Models(params string[] names) =>
        [.. names.Select(name => (name, _run.Load(name)))];

    [Fact]
    public void WritesTablesAlignmentsMatricesAndFiguresOnFiveSentences()
    {
        var test = TinyRun.Pairs.Take(5).ToList();
        var dev = TinyRun.Pairs.Skip(5).Take(4).ToList();
        var models = Models(TinyRun.Rnn, TinyRun.Transformer);
        string outDir = _run.File("compare");

        ComparisonResult result = AlignmentComparison.Run(models, _run.Codecs, test, [.. test.Select(Gold)], dev,
            [.. dev.Select(Gold)], new ComparisonOptions { Figures = 2 }, outDir);

        // Rows: rnn 2, transformer 2 layers × (mean + 2 heads) × 2 conventions, the diagonal, one agreement.
        Assert.Equal(2 + 12 + 1 + 1, result.Rows.Count);
        AlignmentSummaryRow diagonal = Assert.Single(result.Rows, r => r.Kind == SummaryRowKind.Baseline);
        Assert.Equal(AlignmentScorer.Score(
                [.. test.Select(p => DiagonalAligner.Align(Words(p.Source), Words(p.Target)))], [.. test.Select(Gold)]),
            diagonal.Score);
        Assert.Equal(AlignmentScorer.Score(
                [.. dev.Select(p => DiagonalAligner.Align(Words(p.Source), Words(p.Target)))], [.. dev.Select(Gold)]),
            diagonal.DevScore);

        // One chosen row per model: a head mean whose dev AER no other head mean of that model beats.
        Assert.Equal([TinyRun.Rnn, TinyRun.Transformer], result.ChosenRows.Select(r => r.Model));
        foreach (AlignmentSummaryRow chosen in result.ChosenRows)
        {
            Assert.Null(chosen.Head);
            Assert.All(result.Rows.Where(r => r.Model == chosen.Model && r.Head is null),
                r => Assert.True(chosen.DevScore!.Aer <= r.DevScore!.Aer));
        }
        Assert.All(result.Chosen, c => Assert.True(c.ChosenOnDev));

        // The hard alignments on file are the chosen configuration's, and the agreement row is scored from them.
        var rnnLinks = GoldAlignmentReader.Read(Path.Combine(outDir, "rnn.test.align"), zeroBased: true);
        var transformerLinks = GoldAlignmentReader.Read(Path.Combine(outDir, "transformer.test.align"), zeroBased: true);
        Assert.Equal(5, rnnLinks.Count);
        Assert.All(rnnLinks.Zip(test), x => Assert.All(x.First.Links, l => Assert.InRange(l.Target, 0, Words(x.Second.Target) - 1)));
        AlignmentSummaryRow chosenRnn = result.ChosenRows[0];
        Assert.Equal(chosenRnn.Score, AlignmentScorer.Score([.. rnnLinks.Select(g => g.Links)], [.. test.Select(Gold)]));
        AlignmentSummaryRow agreement = Assert.Single(result.Rows, r => r.Kind == SummaryRowKind.Agreement);
        Assert.Equal("rnn vs transformer", agreement.Model);
        Assert.Equal(AlignmentScorer.Agreement([.. rnnLinks.Select(g => g.Links)], [.. transformerLinks.Select(g => g.Links)]),
            agreement.Score);

        // Files: tables, choices, alignments, and per figure sentence all matrices, the chosen CSVs and the figures.
        var expected = new List<string> { "summary.md", "summary.csv", "chosen.json", "rnn.test.align", "transformer.test.align" };
        foreach (string number in new[] { "001", "002" })
        {
            expected.Add($"sentences/{number}/attention.json");
            expected.AddRange(result.Chosen.Select(c => $"sentences/{number}/{c.Model}.{c.Configuration.FileStem()}.csv"));
            expected.AddRange([$"figures/{number}.rnn.png", $"figures/{number}.transformer.png", $"figures/{number}.compare.png"]);
        }
        var written = Directory.GetFiles(outDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/')).Order().ToList();
        Assert.Equal(expected.Order(), written);
        Assert.Equal(expected.Order(), result.Files.Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/')).Order());

        var matrices = AlignmentMatrixExport.ReadJson(Path.Combine(outDir, "sentences/002/attention.json"));
        Assert.Equal(14, matrices.Count);
        Assert.All(matrices, m => Assert.Equal(Words(test[1].Target), m.TargetTokens.Count));
        Assert.All(matrices, m => Assert.Equal("</s>", m.SourceTokens[^1]));

        // The CSV holds every row; the Markdown names the choices and the verdict against the diagonal.
        using (var csv = CsvReader.FromFile(Path.Combine(outDir, "summary.csv"), new CsvReaderOptions { HasHeader = false }))
        {
            int lines = 0;
            while (csv.Read())
                lines++;
            Assert.Equal(1 + result.Rows.Count, lines);
        }
        Assert.Equal(result.Markdown, File.ReadAllText(Path.Combine(outDir, "summary.md")));
        Assert.Contains("lowest dev AER", result.Markdown);
        Assert.Contains("the diagonal aligner", result.Markdown);
        foreach (var (_, model) in models)
            model.Dispose();
    }

    [Fact]
    public void TheLayerIsChosenOnDevEvenWhenTestWouldPreferAnother()
    {
        // Dev gold = layer 0's naive hard alignments (so it has dev AER 0); test gold = layer 1's shifted ones (test
        // AER 0). Choosing on dev must pick layer 0 / naive although layer 1 / shifted is perfect on test.
        var test = TinyRun.Pairs.Take(6).ToList();
        var dev = TinyRun.Pairs.Skip(6).Take(6).ToList();
        var models = Models(TinyRun.Transformer);
        var onDev = new AlignmentConfiguration(0, null, AttentionConvention.Naive);
        var onTest = new AlignmentConfiguration(1, null, AttentionConvention.Shifted);
        var extractor = new AttentionExtractor(models[0].Model, _run.Codecs);
        var devAttention = extractor.Extract(dev).ToList();
        var testAttention = extractor.Extract(test).ToList();
        var devGold = devAttention.Select(a => GoldAlignment.FromHard(a.HardAlignment(onDev))).ToList();
        var testGold = testAttention.Select(a => GoldAlignment.FromHard(a.HardAlignment(onTest))).ToList();
        // Preconditions: the two configurations disagree on both sets, so each is imperfect on the other's set.
        Assert.NotEqual(0, AlignmentScorer.Score([.. devAttention.Select(a => a.HardAlignment(onTest))], devGold).Aer);
        Assert.NotEqual(0, AlignmentScorer.Score([.. testAttention.Select(a => a.HardAlignment(onDev))], testGold).Aer);

        ComparisonResult result = AlignmentComparison.Run(models, _run.Codecs, test, testGold, dev, devGold,
            new ComparisonOptions { Figures = 0 }, _run.File("out"));

        ChosenAlignment chosen = Assert.Single(result.Chosen);
        Assert.Equal(onDev, chosen.Configuration);
        Assert.Equal(0, chosen.Dev!.Aer);
        AlignmentSummaryRow chosenRow = Assert.Single(result.ChosenRows);
        Assert.Equal((0, (int?)null, AttentionConvention.Naive), (chosenRow.Layer!.Value, chosenRow.Head, chosenRow.Convention!.Value));
        AlignmentSummaryRow bestOnTest = result.Rows.Where(r => r.Kind == SummaryRowKind.Attention).MinBy(r => r.Score!.Aer)!;
        Assert.Equal((1, AttentionConvention.Shifted), (bestOnTest.Layer!.Value, bestOnTest.Convention!.Value));
        Assert.Equal(0, bestOnTest.Score!.Aer);
        Assert.False(bestOnTest.Chosen);
        models[0].Model.Dispose();
    }

    [Fact]
    public void WithoutDevGoldNothingIsChosenAndTheDefaultIsUsed()
    {
        var test = TinyRun.Pairs.Take(3).ToList();
        var models = Models(TinyRun.Rnn, TinyRun.Transformer);

        ComparisonResult result = AlignmentComparison.Run(models, _run.Codecs, test, [.. test.Select(Gold)],
            TinyRun.Pairs.Skip(3).ToList(), null, new ComparisonOptions { Figures = 1 }, _run.File("out"));

        Assert.Empty(result.ChosenRows);
        Assert.All(result.Chosen, c => Assert.False(c.ChosenOnDev));
        Assert.Equal([new AlignmentConfiguration(null, null, AttentionConvention.Naive),
            new AlignmentConfiguration(1, null, AttentionConvention.Naive)], result.Chosen.Select(c => c.Configuration));
        Assert.Contains("not chosen: no dev gold", result.Markdown);
        Assert.All(result.Rows, r => Assert.Null(r.DevScore));
        Assert.True(File.Exists(_run.File("out/sentences/001/transformer.L1.Hmean.naive.csv")));
        foreach (var (_, model) in models)
            model.Dispose();
    }

    [Fact]
    public void WithoutGoldNothingIsScoredButAlignmentsAreWritten()
    {
        var test = TinyRun.Pairs.Take(2).ToList();
        var models = Models(TinyRun.Rnn);

        ComparisonResult result = AlignmentComparison.Run(models, _run.Codecs, test, null, null, null,
            new ComparisonOptions { Figures = 0 }, _run.File("out"));

        Assert.All(result.Rows, r => Assert.Null(r.Score));
        Assert.Equal(2, File.ReadAllLines(_run.File("out/rnn.test.align")).Length);
        Assert.Contains("no gold alignments", result.Markdown);
        models[0].Model.Dispose();
    }

    [Fact]
    public void GoldOutsideTheSentenceOrOfTheWrongLengthNamesTheGoldAndTheLine()
    {
        var test = TinyRun.Pairs.Take(3).ToList();
        var models = Models(TinyRun.Rnn);
        var gold = test.Select(Gold).ToList();
        int words = Words(test[1].Source);
        gold[1] = new GoldAlignment([new AlignmentLink(words, 0)]);
        var options = new ComparisonOptions { Figures = 0, TestGoldName = "test.align" };

        var outside = Assert.Throws<UserException>(() =>
            AlignmentComparison.Run(models, _run.Codecs, test, gold, null, null, options, _run.File("out")));
        var count = Assert.Throws<UserException>(() =>
            AlignmentComparison.Run(models, _run.Codecs, test, gold.Take(2).ToList(), null, null, options, _run.File("out")));
        var empty = Assert.Throws<UserException>(() => AlignmentComparison.Run(models, _run.Codecs,
            [test[0], new SentencePair("Hello.", " ")], null, null, null, options with { TestName = "test.en" }, _run.File("out")));

        Assert.StartsWith($"test.align:2: link {words}-0 (0-based) is outside the pair's {words} source", outside.Message);
        Assert.Equal("test.align: 2 lines, expected one per sentence pair (3)", count.Message);
        Assert.Equal("test.en:2: the target sentence is empty, expected at least one word", empty.Message);
        Assert.False(Directory.Exists(_run.File("out")));
        models[0].Model.Dispose();
    }
}
