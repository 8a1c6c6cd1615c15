using Seq2Seq.Data;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Writes a comparison of alignment scores as a Markdown table (for reports and the console) and as CSV (for
/// spreadsheets and plots). Columns: model, layer, head, convention, AER, precision, recall (percent, 2 decimals;
/// <c>n/a</c> when undefined), sentences.
/// </summary>
public static class AlignmentSummaryTable
{
    private static readonly string[] Header =
        ["model", "layer", "head", "convention", "AER", "precision", "recall", "sentences"];

    /// <summary>The table as GitHub-flavoured Markdown, numbers right-aligned, ending with a newline.</summary>
    public static string ToMarkdown(IEnumerable<AlignmentSummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", Header).Append(" |\n");
        text.Append("|---|---|---|---|---:|---:|---:|---:|\n");
        foreach (AlignmentSummaryRow row in rows)
            text.Append("| ").AppendJoin(" | ", Cells(row).Select(EscapeMarkdown)).Append(" |\n");
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
            csv.WriteRecord(Header);
            foreach (AlignmentSummaryRow row in rows)
                csv.WriteRecord(Cells(row));
        });
    }

    private static string[] Cells(AlignmentSummaryRow row) =>
    [
        row.Model,
        row.Layer?.ToString(CultureInfo.InvariantCulture) ?? "-",
        row.Head?.ToString(CultureInfo.InvariantCulture) ?? (row.Layer is null ? "-" : "mean"),
        row.Convention?.ToString().ToLowerInvariant() ?? "-",
        Percent(row.Score.Aer),
        Percent(row.Score.Precision),
        Percent(row.Score.Recall),
        row.Score.Sentences.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Percent(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string EscapeMarkdown(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
