using Seq2Seq.Data;
using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class AlignmentMatrixExportTests
{
    // Tokens that need CSV quoting, accents, a repeated token, and weights that need all float digits.
    private static readonly AlignmentMatrix Matrix = new(
        ["l'homme", "a", "dit", "« oui, \"bien\" »", "</s>"],
        ["the", "man", "said", "the"],
        new[,]
        {
            { 0.7f, 0.1f, 0.1f, 0.05f, 0.05f },
            { 0.8f, 0.05f, 0.05f, 0.05f, 0.05f },
            { 1f / 3, 0f, 0.6666667f, 0f, 0f },
            { 1e-7f, 0.25f, 0.25f, 0.25f, 0.25f - 1e-7f },
        })
    {
        Model = "transformer",
        Layer = 2,
        Head = null,
        Convention = AttentionConvention.Shifted,
    };

    [Fact]
    public void CsvHasTokenHeadersAndRoundTripsExactly()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("sentence-0.csv");

        AlignmentMatrixExport.WriteCsv(path, Matrix);

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(",l'homme,a,dit,\"« oui, \"\"bien\"\" »\",</s>", lines[0]);
        Assert.Equal("the,0.7,0.1,0.1,0.05,0.05", lines[1]);
        Assert.Equal(5, lines.Length);
        Assert.Equal([path], Directory.GetFiles(folder.Path));   // no temporary file left behind

        AlignmentMatrix read = AlignmentMatrixExport.ReadCsv(path);
        Assert.Equal(Matrix.SourceTokens, read.SourceTokens);
        Assert.Equal(Matrix.TargetTokens, read.TargetTokens);
        Assert.Equal(Matrix.Weights, read.Weights);   // bit-exact floats
    }

    [Fact]
    public void JsonCarriesMetadataAndRoundTripsExactly()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("sentence-0.json");
        AlignmentMatrix rnn = new(["a", "b"], ["x"], new[,] { { 0.25f, 0.75f } })
        {
            Model = "rnn",
            Convention = AttentionConvention.Naive,
        };

        AlignmentMatrixExport.WriteJson(path, [Matrix, rnn]);

        string json = File.ReadAllText(path);
        Assert.Contains("\"convention\": \"shifted\"", json);
        Assert.Contains("\"layer\": 2", json);
        Assert.Contains("\"head\": null", json);
        Assert.Contains("\"« oui, \\\"bien\\\" »\"", json);   // readable, only the quotes escaped
        Assert.Contains("\"</s>\"", json);
        IReadOnlyList<AlignmentMatrix> read = AlignmentMatrixExport.ReadJson(path);
        Assert.Equal(2, read.Count);
        foreach ((AlignmentMatrix expected, AlignmentMatrix actual) in new[] { Matrix, rnn }.Zip(read))
        {
            Assert.Equal(expected.SourceTokens, actual.SourceTokens);
            Assert.Equal(expected.TargetTokens, actual.TargetTokens);
            Assert.Equal(expected.Weights, actual.Weights);
            Assert.Equal((expected.Model, expected.Layer, expected.Head, expected.Convention),
                (actual.Model, actual.Layer, actual.Head, actual.Convention));
        }
    }

    [Fact]
    public void WritingReplacesAnExistingFile()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("m.csv");
        File.WriteAllText(path, "old");

        AlignmentMatrixExport.WriteCsv(path, Matrix);

        Assert.StartsWith(",l'homme", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("a,b\nx,1,2\n", ":1: expected a header row")]
    [InlineData(",a,b\nx,1\n", ":2: expected a target token and 2 weights, found 2 fields")]
    [InlineData(",a,b\nx,1,zero\n", ":2: field 3 'zero' is not a number")]
    public void BadCsvNamesFileAndLine(string content, string expected)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("bad.csv");
        File.WriteAllText(path, content);

        var error = Assert.Throws<UserException>(() => AlignmentMatrixExport.ReadCsv(path));

        Assert.StartsWith(path + expected, error.Message);
    }

    [Fact]
    public void BadJsonIsAUserError()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("bad.json");
        File.WriteAllText(path, "{\"matrices\": [{\"sourceTokens\": [\"a\"], \"targetTokens\": [\"x\"], \"weights\": [[1, 2]]}]}");

        var error = Assert.Throws<UserException>(() => AlignmentMatrixExport.ReadJson(path));
        Assert.StartsWith($"{path}: matrix 0:", error.Message);

        File.WriteAllText(path, "not json");
        Assert.StartsWith($"{path}: not an attention matrix file",
            Assert.Throws<UserException>(() => AlignmentMatrixExport.ReadJson(path)).Message);
    }
}
