using System.Globalization;
using System.Text;
using Seq2Seq.Data;
using Seq2Seq.Models;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Compares how well models' attention aligns words, against gold sure/possible links (Och &amp; Ney 2003) and against
/// each other: every model's cross-attention is extracted by forced decoding of the reference translations
/// (<see cref="AttentionExtractor"/>), read under every configuration — each layer's head mean and single heads, naive
/// and shifted (Chen et al. 2020) — turned into hard alignments (argmax source word per target word, none on
/// <c>&lt;/s&gt;</c>) and scored with AER, precision and recall. Each model's configuration is chosen on the dev gold
/// (lowest AER among its layers' head means, both conventions), never on the test set; the diagonal aligner is the
/// baseline; agreement is the AER of one model's chosen hard alignments against another's (S = P).
/// </summary>
/// <remarks>
/// Files written to the output folder (NNN is the 1-based number of a test pair, three digits):
/// <list type="table">
/// <item><term><c>summary.md</c>, <c>summary.csv</c></term><description>the tables
/// (<see cref="AlignmentSummaryTable"/>); the Markdown also says what was compared and chosen</description></item>
/// <item><term><c>chosen.json</c></term><description>each model's configuration (<see cref="ChosenAlignment"/>), which
/// <c>align</c> reads</description></item>
/// <item><term><c>&lt;model&gt;.test.align</c></term><description>the chosen configuration's hard alignment of every
/// test pair, Pharaoh <c>i-j</c> (0-based, source first), one line per pair</description></item>
/// <item><term><c>sentences/NNN/attention.json</c></term><description>every word-level matrix of the pair: each model,
/// layer, head and mean, convention (<see cref="AlignmentMatrixExport"/>)</description></item>
/// <item><term><c>sentences/NNN/&lt;model&gt;.&lt;configuration&gt;.csv</c></term><description>the chosen matrix of
/// each model as CSV, e.g. <c>transformer.L1.Hmean.shifted.csv</c></description></item>
/// <item><term><c>figures/NNN.&lt;model&gt;.png</c></term><description>the heatmap of each model's chosen
/// matrix</description></item>
/// <item><term><c>figures/NNN.compare.png</c></term><description>the first two models side by side (with two or more
/// models)</description></item>
/// </list>
/// Only the first <see cref="ComparisonOptions.Figures"/> test pairs get <c>sentences/</c> and <c>figures/</c>
/// files.
/// </remarks>
public static class AlignmentComparison
{
    public const string SummaryMarkdownFile = "summary.md";
    public const string SummaryCsvFile = "summary.csv";
    public const string SentencesFolder = "sentences";
    public const string FiguresFolder = "figures";
    public const string MatricesFile = "attention.json";

    /// <summary>The diagonal baseline's name in the table.</summary>
    public const string DiagonalName = "diagonal";

    /// <summary>Extracts, scores, chooses and writes everything (see the remarks).</summary>
    /// <param name="models">The models, each with a name usable as a file name; the first two are drawn side by
    /// side.</param>
    /// <param name="codecs">The tokenizers and vocabularies all the models were trained with.</param>
    /// <param name="test">The pairs to align and score: source and reference translation.</param>
    /// <param name="testGold">One gold alignment per test pair (source word first, 0-based); null: nothing is scored,
    /// matrices and hard alignments are still written.</param>
    /// <param name="dev">The pairs configurations are chosen on; ignored without <paramref name="devGold"/>.</param>
    /// <param name="devGold">One gold alignment per dev pair; null: nothing is chosen, the default configuration
    /// (<see cref="AlignmentConfiguration.Default"/>) is used.</param>
    /// <param name="options">Word tokenisation, figures, batch size, names for messages.</param>
    /// <param name="outDir">The output folder, created if needed.</param>
    /// <exception cref="UserException">A pair has an empty side, or a gold file has the wrong number of lines or a link
    /// outside its pair's words (the message names the gold and the line).</exception>
    public static ComparisonResult Run(
        IReadOnlyList<(string Name, Seq2SeqModel Model)> models,
        SentenceCodecs codecs,
        IReadOnlyList<SentencePair> test,
        IReadOnlyList<GoldAlignment>? testGold,
        IReadOnlyList<SentencePair>? dev,
        IReadOnlyList<GoldAlignment>? devGold,
        ComparisonOptions options,
        string outDir)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(outDir);
        CheckNames(models);
        var (testSet, devSet) = Datasets(codecs, test, testGold, dev, devGold, options);
        int figures = Math.Min(options.Figures, test.Count);

        var evaluations = models
            .Select(m => Evaluate(m.Name, m.Model, codecs, testSet, devSet, figures, options))
            .ToList();

        var rows = new List<AlignmentSummaryRow>();
        var chosen = new List<ChosenAlignment>();
        foreach (ModelEvaluation evaluation in evaluations)
        {
            ChosenAlignment choice = Choose(evaluation, testSet, devSet);
            chosen.Add(choice);
            rows.AddRange(evaluation.Configurations.Select(c =>
                new AlignmentSummaryRow(evaluation.Name, c.Layer, c.Head, c.Convention, Score(evaluation.Test[c], testSet))
                {
                    DevScore = devSet is null ? null : Score(evaluation.Dev[c], devSet),
                    Chosen = choice.ChosenOnDev && c == choice.Configuration,
                }));
        }
        rows.Add(Diagonal(testSet, devSet));
        for (int i = 0; i < evaluations.Count; i++)
        {
            for (int j = i + 1; j < evaluations.Count; j++)
            {
                var first = evaluations[i].Test[chosen[i].Configuration];
                var second = evaluations[j].Test[chosen[j].Configuration];
                rows.Add(new AlignmentSummaryRow($"{evaluations[i].Name} vs {evaluations[j].Name}", null, null, null,
                    AlignmentScorer.Agreement(first, second)) { Kind = SummaryRowKind.Agreement });
            }
        }

        string markdown = Markdown(rows, chosen, testSet, devSet, options);
        var files = Write(outDir, evaluations, chosen, rows, markdown, figures);
        return new ComparisonResult { Rows = rows, Chosen = chosen, Markdown = markdown, Files = files };
    }

    /// <summary>
    /// Checks the pairs and gold alignments as <see cref="Run"/> does before it touches a model, so that a caller can
    /// reject bad gold files before training the models: every pair has a word on each side, and each gold has one
    /// line per pair with every link inside its pair's words.
    /// </summary>
    /// <param name="codecs">The tokenizers and vocabularies the models are (or will be) trained with.</param>
    /// <param name="test">The test pairs.</param>
    /// <param name="testGold">One gold alignment per test pair, or null.</param>
    /// <param name="dev">The dev pairs; required with <paramref name="devGold"/>.</param>
    /// <param name="devGold">One gold alignment per dev pair, or null.</param>
    /// <param name="options">Word tokenisation and the names messages use.</param>
    /// <exception cref="UserException">as <see cref="Run"/>: a pair has an empty side, or a gold file has the wrong
    /// number of lines or a link outside its pair's words.</exception>
    public static void Check(
        SentenceCodecs codecs,
        IReadOnlyList<SentencePair> test,
        IReadOnlyList<GoldAlignment>? testGold,
        IReadOnlyList<SentencePair>? dev,
        IReadOnlyList<GoldAlignment>? devGold,
        ComparisonOptions options) =>
        _ = Datasets(codecs, test, testGold, dev, devGold, options);

    /// <summary>Pairs segmented into pieces and words, with their gold checked against the word counts.</summary>
    private sealed record Dataset(
        IReadOnlyList<(SegmentedSentence Source, SegmentedSentence Target)> Pairs, IReadOnlyList<GoldAlignment>? Gold);

    /// <summary>One model's hard alignments under every configuration, and the attention of the figure pairs.</summary>
    private sealed record ModelEvaluation(
        string Name,
        int Layers,
        int Heads,
        IReadOnlyList<AlignmentConfiguration> Configurations,
        IReadOnlyDictionary<AlignmentConfiguration, List<IEnumerable<AlignmentLink>>> Test,
        IReadOnlyDictionary<AlignmentConfiguration, List<IEnumerable<AlignmentLink>>> Dev,
        IReadOnlyList<SentenceAttention> Figures);

    private static void CheckNames(IReadOnlyList<(string Name, Seq2SeqModel Model)> models)
    {
        if (models.Count == 0)
            throw new ArgumentException("expected at least one model", nameof(models));
        foreach (var (name, model) in models)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            if (string.IsNullOrEmpty(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
                || name == DiagonalName || name.Contains(' '))
                throw new ArgumentException($"model name '{name}': expected a file name without spaces, not '{DiagonalName}'",
                    nameof(models));
        }
        if (models.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != models.Count)
            throw new ArgumentException("model names must be unique", nameof(models));
    }

    private static (Dataset Test, Dataset? Dev) Datasets(SentenceCodecs codecs, IReadOnlyList<SentencePair> test,
        IReadOnlyList<GoldAlignment>? testGold, IReadOnlyList<SentencePair>? dev, IReadOnlyList<GoldAlignment>? devGold,
        ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (devGold is not null && dev is null)
            throw new ArgumentException("dev gold alignments need the dev pairs", nameof(dev));
        var testSet = Prepare(codecs, test, testGold, options.Tokenization, options.TestName, options.TestGoldName);
        var devSet = devGold is null
            ? null
            : Prepare(codecs, dev!, devGold, options.Tokenization, options.DevName, options.DevGoldName);
        return (testSet, devSet);
    }

    private static Dataset Prepare(SentenceCodecs codecs, IReadOnlyList<SentencePair> pairs,
        IReadOnlyList<GoldAlignment>? gold, WordTokenization tokenization, string name, string goldName)
    {
        var segmented = new (SegmentedSentence Source, SegmentedSentence Target)[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            foreach (var (side, text) in new[] { ("source", pairs[i].Source), ("target", pairs[i].Target) })
            {
                if (SegmentedSentence.SplitWords(TextNormalizer.Normalize(text), tokenization).Count == 0)
                    throw new UserException($"{name}:{i + 1}: the {side} sentence is empty, expected at least one word");
            }
            segmented[i] = (SegmentedSentence.Create(codecs.Source, pairs[i].Source, tokenization),
                SegmentedSentence.Create(codecs.Target, pairs[i].Target, tokenization));
        }
        if (gold is not null)
            CheckGold(gold, segmented, goldName, tokenization);
        return new Dataset(segmented, gold);
    }

    private static void CheckGold(IReadOnlyList<GoldAlignment> gold,
        IReadOnlyList<(SegmentedSentence Source, SegmentedSentence Target)> pairs, string goldName,
        WordTokenization tokenization)
    {
        if (gold.Count != pairs.Count)
            throw new UserException($"{goldName}: {gold.Count} lines, expected one per sentence pair ({pairs.Count})");
        string words = tokenization == WordTokenization.Words ? "words" : "whitespace tokens";
        for (int i = 0; i < gold.Count; i++)
        {
            int sourceWords = pairs[i].Source.Words.Count, targetWords = pairs[i].Target.Words.Count;
            foreach (AlignmentLink link in gold[i].Links)
            {
                if (link.Source >= sourceWords || link.Target >= targetWords)
                    throw new UserException(
                        $"{goldName}:{i + 1}: link {link.Source}-{link.Target} (0-based) is outside the pair's " +
                        $"{sourceWords} source and {targetWords} target {words}");
            }
        }
    }

    private static ModelEvaluation Evaluate(string name, Seq2SeqModel model, SentenceCodecs codecs, Dataset test,
        Dataset? dev, int figures, ComparisonOptions options)
    {
        var extractor = new AttentionExtractor(model, codecs, options.Tokenization, options.BatchSentences);
        var configurations = AlignmentConfiguration.All(model.AttentionLayers, model.AttentionHeads);
        var figureAttention = new List<SentenceAttention>();
        var testLinks = HardAlignments(extractor, configurations, test, sentence =>
        {
            if (figureAttention.Count < figures)
                figureAttention.Add(sentence);
        });
        var devLinks = dev is null
            ? configurations.ToDictionary(c => c, _ => new List<IEnumerable<AlignmentLink>>())
            : HardAlignments(extractor, configurations, dev, _ => { });
        return new ModelEvaluation(name, model.AttentionLayers, model.AttentionHeads, configurations, testLinks, devLinks, figureAttention);
    }

    private static Dictionary<AlignmentConfiguration, List<IEnumerable<AlignmentLink>>> HardAlignments(
        AttentionExtractor extractor, IReadOnlyList<AlignmentConfiguration> configurations, Dataset set,
        Action<SentenceAttention> observe)
    {
        var links = configurations.ToDictionary(c => c, _ => new List<IEnumerable<AlignmentLink>>(set.Pairs.Count));
        foreach (SentenceAttention sentence in extractor.Extract(set.Pairs))
        {
            foreach (AlignmentConfiguration configuration in configurations)
                links[configuration].Add(sentence.HardAlignment(configuration));
            observe(sentence);
        }
        return links;
    }

    private static AlignmentScore? Score(List<IEnumerable<AlignmentLink>> links, Dataset set) =>
        set.Gold is null ? null : AlignmentScorer.Score(links, set.Gold);

    /// <summary>The head mean and convention with the lowest dev AER (the first on a tie; an undefined AER never
    /// wins), or the default without dev gold.</summary>
    private static ChosenAlignment Choose(ModelEvaluation evaluation, Dataset test, Dataset? dev)
    {
        var candidates = AlignmentConfiguration.Candidates(evaluation.Layers, evaluation.Heads);
        if (dev is null)
        {
            var fallback = AlignmentConfiguration.Default(evaluation.Layers, evaluation.Heads);
            return new ChosenAlignment(evaluation.Name, fallback, null, Score(evaluation.Test[fallback], test));
        }
        AlignmentConfiguration best = candidates[0];
        AlignmentScore bestScore = Score(evaluation.Dev[best], dev)!;
        foreach (AlignmentConfiguration candidate in candidates.Skip(1))
        {
            AlignmentScore score = Score(evaluation.Dev[candidate], dev)!;
            if (score.Aer < bestScore.Aer || (double.IsNaN(bestScore.Aer) && !double.IsNaN(score.Aer)))
                (best, bestScore) = (candidate, score);
        }
        return new ChosenAlignment(evaluation.Name, best, bestScore, Score(evaluation.Test[best], test));
    }

    private static AlignmentSummaryRow Diagonal(Dataset test, Dataset? dev)
    {
        static List<IEnumerable<AlignmentLink>> Links(Dataset set) =>
            [.. set.Pairs.Select(p => DiagonalAligner.Align(p.Source.Words.Count, p.Target.Words.Count))];
        return new AlignmentSummaryRow(DiagonalName, null, null, null, Score(Links(test), test))
        {
            Kind = SummaryRowKind.Baseline,
            DevScore = dev is null ? null : Score(Links(dev), dev),
        };
    }

    private static string Markdown(IReadOnlyList<AlignmentSummaryRow> rows, IReadOnlyList<ChosenAlignment> chosen,
        Dataset test, Dataset? dev, ComparisonOptions options)
    {
        var text = new StringBuilder();
        text.Append("# Word alignments from attention\n\n");
        text.Append(test.Gold is null
            ? $"- Test: {test.Pairs.Count} sentence pairs, no gold alignments: nothing is scored on test.\n"
            : $"- Test: {test.Pairs.Count} sentence pairs, scored against {options.TestGoldName}.\n");
        text.Append(dev is null
            ? "- Dev: no gold alignments, so no configuration is chosen; the default (each model's last layer, head " +
              "mean, naive) is used for the figures and the hard alignments.\n"
            : $"- Dev: {dev.Pairs.Count} sentence pairs, scored against {options.DevGoldName}: each model's " +
              "configuration is chosen there (lowest AER among its layers' head means, naive and shifted), never on test.\n");
        text.Append(options.Tokenization == WordTokenization.Words
            ? "- Words: the toolkit's word tokenizer (punctuation and French elision split off).\n"
            : "- Words: whitespace-separated tokens.\n");
        text.Append("- Hard alignment: each target word is linked to the source word it attends to most; a word whose " +
                    "argmax is `</s>` stays unaligned. Scores are percentages, link counts summed over all pairs.\n\n");

        text.Append("## Chosen configurations\n\n");
        AlignmentScore? diagonal = rows.First(r => r.Kind == SummaryRowKind.Baseline).Score;
        foreach (ChosenAlignment choice in chosen)
        {
            text.Append("- **").Append(choice.Model).Append("**: ").Append(choice.Describe());
            if (choice.Test is { } score && diagonal is not null)
            {
                string verdict = score.Aer < diagonal.Aer ? "beats" : "does not beat";
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"; test AER {score.Aer:F2}, {verdict} the diagonal aligner ({diagonal.Aer:F2})"));
            }
            text.Append('\n');
        }
        text.Append("\n## Scores\n\n").Append(AlignmentSummaryTable.ToMarkdown(rows));
        return text.ToString();
    }

    private static List<string> Write(string outDir, IReadOnlyList<ModelEvaluation> evaluations,
        IReadOnlyList<ChosenAlignment> chosen, IReadOnlyList<AlignmentSummaryRow> rows, string markdown, int figures)
    {
        var files = new List<string>();
        string Add(string path)
        {
            files.Add(path);
            return path;
        }

        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Add(Path.Combine(outDir, SummaryMarkdownFile)), markdown);
        AlignmentSummaryTable.WriteCsv(Add(Path.Combine(outDir, SummaryCsvFile)), rows);
        ChosenAlignment.Write(Add(Path.Combine(outDir, ChosenAlignment.FileName)), chosen);
        for (int m = 0; m < evaluations.Count; m++)
            PharaohWriter.Write(Add(Path.Combine(outDir, $"{evaluations[m].Name}.test.align")),
                evaluations[m].Test[chosen[m].Configuration]);

        for (int i = 0; i < figures; i++)
        {
            string number = (i + 1).ToString("D3", CultureInfo.InvariantCulture);
            string sentenceDir = Path.Combine(outDir, SentencesFolder, number);
            var all = new List<AlignmentMatrix>();
            var chosenMatrices = new List<AlignmentMatrix>();
            for (int m = 0; m < evaluations.Count; m++)
            {
                SentenceAttention attention = evaluations[m].Figures[i];
                all.AddRange(attention.WordMatrices(evaluations[m].Name));
                AlignmentMatrix matrix = attention.WordMatrix(chosen[m].Configuration, evaluations[m].Name);
                chosenMatrices.Add(matrix);
                AlignmentMatrixExport.WriteCsv(
                    Add(Path.Combine(sentenceDir, $"{evaluations[m].Name}.{chosen[m].Configuration.FileStem()}.csv")), matrix);
                Heatmap.Save(Add(Path.Combine(outDir, FiguresFolder, $"{number}.{evaluations[m].Name}.png")), matrix);
            }
            AlignmentMatrixExport.WriteJson(Add(Path.Combine(sentenceDir, MatricesFile)), all);
            if (chosenMatrices.Count >= 2)
                Heatmap.SaveSideBySide(Add(Path.Combine(outDir, FiguresFolder, $"{number}.compare.png")),
                    chosenMatrices[0], chosenMatrices[1]);
        }
        return files;
    }
}
