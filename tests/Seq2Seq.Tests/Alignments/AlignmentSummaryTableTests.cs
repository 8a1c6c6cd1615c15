using CsvHelper;
using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class AlignmentSummaryTableTests
{
    private static readonly AlignmentSummaryRow[] Rows =
    [
        new("diagonal", null, null, null, new AlignmentScore(447, 7761, 4038, 17438, 1641, 3805)),
        new("rnn", null, null, AttentionConvention.Naive, new AlignmentScore(2, 5, 3, 5, 2, 4)),
        new("transformer", 3, null, AttentionConvention.Shifted, new AlignmentScore(2, 5, 3, 5, 2, 4)),
        new("transformer", 3, 7, AttentionConvention.Shifted, new AlignmentScore(1, 0, 0, 0, 0, 0)),
    ];

    [Fact]
    public void MarkdownShowsPercentagesAndPlaceholders()
    {
        Assert.Equal(
            "| model | layer | head | convention | AER | precision | recall | sentences |\n" +
            "|---|---|---|---|---:|---:|---:|---:|\n" +
            "| diagonal | - | - | - | 53.84 | 49.03 | 40.64 | 447 |\n" +
            "| rnn | - | - | naive | 25.00 | 80.00 | 66.67 | 2 |\n" +
            "| transformer | 3 | mean | shifted | 25.00 | 80.00 | 66.67 | 2 |\n" +
            "| transformer | 3 | 7 | shifted | n/a | n/a | n/a | 1 |\n",
            AlignmentSummaryTable.ToMarkdown(Rows));
    }

    [Fact]
    public void CsvHasTheSameCells()
    {
        using var folder = new TempFolder();
        string csvPath = folder.File("summary.csv"), markdownPath = folder.File("summary.md");

        AlignmentSummaryTable.WriteCsv(csvPath, Rows);
        AlignmentSummaryTable.WriteMarkdown(markdownPath, Rows);

        using var csv = CsvReader.FromFile(csvPath, new CsvReaderOptions { HasHeader = false });
        var cells = new List<string[]>();
        while (csv.Read())
            cells.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        Assert.Equal(["model", "layer", "head", "convention", "AER", "precision", "recall", "sentences"], cells[0]);
        Assert.Equal(["transformer", "3", "mean", "shifted", "25.00", "80.00", "66.67", "2"], cells[3]);
        Assert.Equal(5, cells.Count);
        Assert.Equal(AlignmentSummaryTable.ToMarkdown(Rows), File.ReadAllText(markdownPath));
    }
}
