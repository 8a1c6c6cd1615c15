using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class CorpusReaderTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TsvKeepsQuotesApostrophesAndGuillemetsAsData()
    {
        string path = _dir.Write("train.tsv",
            "\"Hello,\" he said.\t« Bonjour », dit-il.\n" +
            "It's John's \"car\"\tC'est la « voiture » de John\n" +
            "\"unbalanced\tquote\" here\n");

        var result = CorpusReader.ReadTsv(path);

        Assert.Equal(
            [
                new SentencePair("\"Hello,\" he said.", "« Bonjour », dit-il."),
                new SentencePair("It's John's \"car\"", "C'est la « voiture » de John"),
                new SentencePair("\"unbalanced", "quote\" here"),
            ],
            result.Pairs);
        Assert.Equal(3, result.LinesRead);
        Assert.Equal(0, result.EmptySkipped);
    }

    [Fact]
    public void TsvWithByteOrderMarkAndCrlfReadsCleanText()
    {
        string path = _dir.WriteBytes("bom.tsv", [0xEF, 0xBB, 0xBF, .. "Hi\tSalut\r\nYes\tOui\r\n"u8]);

        var result = CorpusReader.ReadTsv(path);

        Assert.Equal([new SentencePair("Hi", "Salut"), new SentencePair("Yes", "Oui")], result.Pairs);
    }

    [Fact]
    public void EmptySidesAndBlankLinesAreSkippedAndCounted()
    {
        string path = _dir.Write("gaps.tsv", "a\tb\n\t\n   \n c \t  \nd\t e  f \n");

        var result = CorpusReader.ReadTsv(path);

        Assert.Equal([new SentencePair("a", "b"), new SentencePair("d", "e f")], result.Pairs);
        Assert.Equal(5, result.LinesRead);
        Assert.Equal(3, result.EmptySkipped);
    }

    [Theory]
    [InlineData("a\tb\nthree\tfields\there\n", 2, 3)]
    [InlineData("a\tb\nc\td\nno tab here\n", 3, 1)]
    public void TsvLineWithoutTwoFieldsNamesFileAndLine(string text, int line, int fields)
    {
        string path = _dir.Write("bad.tsv", text);

        var error = Assert.Throws<UserException>(() => CorpusReader.ReadTsv(path));

        Assert.Equal($"{path}:{line}: expected 2 tab-separated fields, found {fields}", error.Message);
    }

    [Fact]
    public void TsvInvalidUtf8NamesFileAndLine()
    {
        string path = _dir.WriteBytes("latin1.tsv", [.. "ok\tbien\r\n"u8, .. "caf"u8, 0xE9, .. "\tcafe\r\n"u8]);

        var error = Assert.Throws<UserException>(() => CorpusReader.ReadTsv(path));

        Assert.Equal($"{path}:2: invalid UTF-8", error.Message);
    }

    [Fact]
    public void ParallelFilesWithByteOrderMarkAndCrlfAreAligned()
    {
        string source = _dir.WriteBytes("train.en", [0xEF, 0xBB, 0xBF, .. "A dog.\r\n\r\nThe  man\r\n"u8]);
        string target = _dir.Write("train.fr", "Un chien.\nVide à gauche\nL'homme");

        var result = CorpusReader.ReadParallel(source, target);

        Assert.Equal([new SentencePair("A dog.", "Un chien."), new SentencePair("The man", "L'homme")], result.Pairs);
        Assert.Equal(3, result.LinesRead);
        Assert.Equal(1, result.EmptySkipped);
    }

    [Theory]
    [InlineData("a\nb\nc\n", "x\ny\n", 3, 2)]
    [InlineData("a\nb\n", "x\ny\nz\nw\n", 2, 4)]
    public void LineCountMismatchNamesBothFilesAndBothCounts(string sourceText, string targetText, int sourceLines, int targetLines)
    {
        string source = _dir.Write("train.en", sourceText);
        string target = _dir.Write("train.fr", targetText);

        var error = Assert.Throws<UserException>(() => CorpusReader.ReadParallel(source, target));

        Assert.Equal($"{source} has {sourceLines} lines but {target} has {targetLines}", error.Message);
    }

    [Fact]
    public void PlainTextInvalidUtf8NamesFileAndLine()
    {
        string source = _dir.Write("train.en", "one\ntwo\nthree\n");
        string target = _dir.WriteBytes("train.fr", [.. "un\ndeux\n"u8, 0xC3, 0x28, .. "\n"u8]);

        var error = Assert.Throws<UserException>(() => CorpusReader.ReadParallel(source, target));

        Assert.Equal($"{target}:3: invalid UTF-8", error.Message);
    }

    [Fact]
    public void LongLinesAcrossBufferBoundariesAreReadWhole()
    {
        string longLine = string.Concat(Enumerable.Repeat("é abc ", 30_000)).Trim();   // ~240 kB of UTF-8
        string source = _dir.Write("long.en", $"short\n{longLine}\nend\n");
        string target = _dir.Write("long.fr", $"court\n{longLine}\nfin\n");

        var result = CorpusReader.ReadParallel(source, target);

        Assert.Equal(longLine, result.Pairs[1].Source);
        Assert.Equal(new SentencePair("end", "fin"), result.Pairs[2]);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = _dir.File("none.tsv");

        var error = Assert.Throws<UserException>(() => CorpusReader.Read(CorpusSource.FromTsv(path)));

        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Fact]
    public void CorpusWithoutPairsIsAnError()
    {
        string path = _dir.Write("empty.tsv", "\n\t\n");

        var error = Assert.Throws<UserException>(() => CorpusReader.Read(CorpusSource.FromTsv(path)));

        Assert.Equal($"{path}: no sentence pairs", error.Message);
    }
}
