using Seq2Seq.Data;
using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class GoldAlignmentReaderTests
{
    [Fact]
    public void ReadsOneBasedSureAndPossibleLinksAsZeroBased()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("gold.talp");
        File.WriteAllText(path, "1-1 2p3 3-2\n\n2-2 2p2\n");

        IReadOnlyList<GoldAlignment> gold = GoldAlignmentReader.Read(path, zeroBased: false);

        Assert.Equal(3, gold.Count);
        Assert.Equal([(0, 0), (2, 1)], gold[0].Sure.Order());
        Assert.Equal([(0, 0), (1, 2), (2, 1)], gold[0].Possible.Order());
        Assert.Empty(gold[1].Links);
        // Listed as sure and as possible: sure (and counted once).
        Assert.Equal([new AlignmentLink(1, 1, Sure: true)], gold[2].Links);
    }

    [Fact]
    public void ReadsZeroBasedPharaoh()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("gold.pharaoh");
        File.WriteAllText(path, "0-0 1-2\n");

        GoldAlignment gold = Assert.Single(GoldAlignmentReader.Read(path, zeroBased: true));

        Assert.Equal([(0, 0), (1, 2)], gold.Sure.Order());
    }

    [Theory]
    [InlineData("1-1 2x3", "2x3", false)]
    [InlineData("1-", "1-", false)]
    [InlineData("-1-2", "-1-2", false)]
    [InlineData("0-1", "0-1", false)]     // 0 is not a 1-based index
    [InlineData("1-2-3", "1-2-3", true)]
    [InlineData("a-b", "a-b", true)]
    public void NamesFileLineAndTokenOfABadLink(string line, string token, bool zeroBased)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("gold.txt");
        File.WriteAllText(path, $"1-1\n{line}\n");

        var error = Assert.Throws<UserException>(() => GoldAlignmentReader.Read(path, zeroBased));

        string convention = zeroBased ? "0-based" : "1-based";
        Assert.Equal($"{path}:2: bad alignment link '{token}': expected i-j (sure) or ipj (possible) with {convention} indices",
            error.Message);
    }

    [Fact]
    public void MissingFileIsAUserError()
    {
        var error = Assert.Throws<UserException>(() => GoldAlignmentReader.Read("no-such-gold.txt", zeroBased: true));
        Assert.Contains("no-such-gold.txt", error.Message);
    }

    [Fact]
    public void PharaohWriterRoundTripsThroughTheReader()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("out.pharaoh");
        AlignmentLink[][] sentences =
        [
            [new(2, 1), new(0, 0), new(1, 2, Sure: false)],
            [],
            [new(0, 3)],
        ];

        PharaohWriter.Write(path, sentences);

        Assert.Equal("0-0 2-1 1p2\n\n0-3\n", File.ReadAllText(path));
        IReadOnlyList<GoldAlignment> read = GoldAlignmentReader.Read(path, zeroBased: true);
        for (int i = 0; i < sentences.Length; i++)
            Assert.Equal(sentences[i].OrderBy(l => l.Target).ThenBy(l => l.Source), read[i].Links);
    }

    [Fact]
    public void InvertedSwapsSourceAndTarget()
    {
        var gold = new GoldAlignment([new(0, 2), new(1, 0, Sure: false)]);

        GoldAlignment inverted = gold.Inverted();

        Assert.Equal([(2, 0)], inverted.Sure.Order());
        Assert.Equal([(0, 1), (2, 0)], inverted.Possible.Order());
    }
}
