using CsvHelper;
using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class AlignmentSummaryTableTests
{
    private static readonly AlignmentSummaryRow[] Rows =
    [
        new("diagonal", null, null, null, new AlignmentScore(447, 7761, 4038, 17438, 1641, 3805))
        {
            Kind = SummaryRowKind.Baseline,
        },
        new("rnn", null, null, AttentionConvention.Naive, new AlignmentScore(2, 5, 3, 5, 2, 4))
        {
            DevScore = new AlignmentScore(1, 4, 4, 4, 3, 3), Chosen = true,
        },
        new("transformer", 3, null, AttentionConvention.Shifted, new AlignmentScore(2, 5, 3, 5, 2, 4)),
        new("transformer", 3, 7, AttentionConvention.Shifted, new AlignmentScore(1, 0, 0, 0, 0, 0)),
        new("rnn vs transformer", null, null, null, new AlignmentScore(2, 4, 5, 5, 3, 3))
        {
            Kind = SummaryRowKind.Agreement,
        },
    ];

    [Fact]
    public void MarkdownShowsPercentagesPlaceholdersTheChoiceAndAgreementApart()
    {
        Assert.Equal(
            "| model | layer | head | convention | AER | precision | recall | sentences | dev AER | chosen |\n" +
            "|---|---|---|---|---:|---:|---:|---:|---:|:---:|\n" +
            "| diagonal | - | - | - | 53.84 | 49.03 | 40.64 | 447 | - |  |\n" +
            "| rnn | - | - | naive | 25.00 | 80.00 | 66.67 | 2 | 25.00 | ✓ |\n" +
            "| transformer | 3 | mean | shifted | 25.00 | 80.00 | 66.67 | 2 | - |  |\n" +
            "| transformer | 3 | 7 | shifted | n/a | n/a | n/a | 1 | - |  |\n" +
            "\n" +
            "| agreement (S = P) | AER | precision | recall | sentences |\n" +
            "|---|---:|---:|---:|---:|\n" +
            "| rnn vs transformer | 33.33 | 75.00 | 60.00 | 2 |\n",
            AlignmentSummaryTable.ToMarkdown(Rows));
    }

    [Fact]
    public void CsvHoldsEveryRowWithItsKindAndDevScores()
    {
        using var folder = new TemporaryDirectory();
        string csvPath = folder.File("summary.csv"), markdownPath = folder.File("summary.md");

        AlignmentSummaryTable.WriteCsv(csvPath, Rows);
        AlignmentSummaryTable.WriteMarkdown(markdownPath, Rows);

        using var csv = CsvReader.FromFile(csvPath, new CsvReaderOptions { HasHeader = false });
        var cells = new List<string[]>();
        while (csv.Read())
            cells.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        Assert.Equal(
            ["kind", "model", "layer", "head", "convention", "AER", "precision", "recall", "sentences",
             "dev AER", "dev precision", "dev recall", "dev sentences", "chosen"], cells[0]);
        Assert.Equal(
            ["attention", "rnn", "-", "-", "naive", "25.00", "80.00", "66.67", "2", "25.00", "75.00", "75.00", "1", "true"],
            cells[2]);
        Assert.Equal(
            ["attention", "transformer", "3", "mean", "shifted", "25.00", "80.00", "66.67", "2", "-", "-", "-", "-", "false"],
            cells[3]);
        Assert.Equal("agreement", cells[5][0]);
        Assert.Equal(6, cells.Count);
        Assert.Equal(AlignmentSummaryTable.ToMarkdown(Rows), File.ReadAllText(markdownPath));
    }
}
