using Seq2Seq.Data;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Writes a comparison of alignment scores as a Markdown table (for reports and the console) and as CSV (for
/// spreadsheets and plots). Percentages have 2 decimals; <c>n/a</c> marks an undefined value (nothing predicted, no
/// sure link) and <c>-</c> a value that does not apply (no layer, no dev gold).
/// </summary>
/// <remarks>
/// Markdown: one table of the attention and baseline rows — model, layer, head, convention, AER, precision, recall,
/// sentences (test), dev AER, chosen (✓) — then, if there are agreement rows, a second table of them: models, AER,
/// precision, recall, sentences.
/// CSV: every row in one table with a <c>kind</c> column (<c>attention</c>, <c>baseline</c>, <c>agreement</c>) and the
/// dev precision, recall and sentence count as well; <c>chosen</c> is <c>true</c> or <c>false</c>.
/// </remarks>
public static class AlignmentSummaryTable
{
    private static readonly string[] MarkdownHeader =
        ["model", "layer", "head", "convention", "AER", "precision", "recall", "sentences", "dev AER", "chosen"];

    private static readonly string[] AgreementHeader = ["agreement (S = P)", "AER", "precision", "recall", "sentences"];

    private static readonly string[] CsvHeader =
    [
        "kind", "model", "layer", "head", "convention", "AER", "precision", "recall", "sentences",
        "dev AER", "dev precision", "dev recall", "dev sentences", "chosen",
    ];

    /// <summary>The tables as GitHub-flavoured Markdown, numbers right-aligned, ending with a newline.</summary>
    public static string ToMarkdown(IEnumerable<AlignmentSummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", MarkdownHeader).Append(" |\n");
        text.Append("|---|---|---|---|---:|---:|---:|---:|---:|:---:|\n");
        foreach (AlignmentSummaryRow row in list.Where(r => r.Kind != SummaryRowKind.Agreement))
        {
            string[] cells =
            [
                .. Configuration(row), .. Scores(row.Score), Percent(row.DevScore?.Aer), row.Chosen ? "✓" : "",
            ];
            text.Append("| ").AppendJoin(" | ", cells.Select(EscapeMarkdown)).Append(" |\n");
        }
        var agreements = list.Where(r => r.Kind == SummaryRowKind.Agreement).ToList();
        if (agreements.Count == 0)
            return text.ToString();
        text.Append('\n');
        text.Append("| ").AppendJoin(" | ", AgreementHeader).Append(" |\n");
        text.Append("|---|---:|---:|---:|---:|\n");
        foreach (AlignmentSummaryRow row in agreements)
            text.Append("| ").AppendJoin(" | ", new[] { row.Model }.Concat(Scores(row.Score)).Select(EscapeMarkdown))
                .Append(" |\n");
        return text.ToString();
    }

    /// <summary>Writes <see cref="ToMarkdown"/> to <paramref name="path"/>, atomically.</summary>
    public static void WriteMarkdown(string path, IEnumerable<AlignmentSummaryRow> rows) =>
        AtomicFile.WriteAllText(path, ToMarkdown(rows));

    /// <summary>Writes the table as CSV (header row, then one row per entry), atomically.</summary>
    public static void WriteCsv(string path, IEnumerable<AlignmentSummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, temporary =>
        {
            using var csv = CsvWriter.ToFile(temporary, new CsvWriterOptions { NewLine = "\n" });
            csv.WriteRecord(CsvHeader);
            foreach (AlignmentSummaryRow row in rows)
            {
                csv.WriteRecord(
                [
                    row.Kind.ToString().ToLowerInvariant(), .. Configuration(row), .. Scores(row.Score),
                    .. Scores(row.DevScore), row.Chosen ? "true" : "false",
                ]);
            }
        });
    }

    /// <summary>model, layer, head, convention.</summary>
    private static string[] Configuration(AlignmentSummaryRow row) =>
    [
        row.Model,
        row.Layer?.ToString(CultureInfo.InvariantCulture) ?? "-",
        row.Head?.ToString(CultureInfo.InvariantCulture) ?? (row.Layer is null ? "-" : "mean"),
        row.Convention is { } convention ? AlignmentConfiguration.ConventionName(convention) : "-",
    ];

    /// <summary>AER, precision, recall, sentences.</summary>
    private static string[] Scores(AlignmentScore? score) =>
    [
        Percent(score?.Aer),
        Percent(score?.Precision),
        Percent(score?.Recall),
        score?.Sentences.ToString(CultureInfo.InvariantCulture) ?? "-",
    ];

    private static string Percent(double? value) => value switch
    {
        null => "-",
        double.NaN => "n/a",
        { } v => v.ToString("F2", CultureInfo.InvariantCulture),
    };

    private static string EscapeMarkdown(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
