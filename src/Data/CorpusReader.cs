using System.Text.Unicode;
using CsvHelper;

namespace Seq2Seq.Data;

/// <summary>
/// Reads parallel corpora in the two layouts NMT people use, strictly: UTF-8 with or without a byte order mark,
/// LF or CRLF line ends. Every sentence is normalised (<see cref="TextNormalizer"/>); pairs with an empty side are
/// skipped and counted. Problems the user must fix (missing file, invalid UTF-8, a TSV line without exactly two
/// fields, files of different lengths, no pair at all) throw a <see cref="UserException"/> naming file and line.
/// </summary>
public static class CorpusReader
{
    public static CorpusReadResult Read(CorpusSource source)
    {
        source.Validate("corpus");
        var result = source.Tsv is { } tsv ? ReadTsv(tsv) : ReadParallel(source.Source!, source.Target!);
        if (result.Pairs.Count == 0)
            throw new UserException($"{source}: no sentence pairs");
        return result;
    }

    /// <summary>
    /// Reads a TSV file, one <c>source&lt;TAB&gt;target</c> pair per line. Quotes, apostrophes and « » are data:
    /// nothing is unquoted or unescaped. A blank line is an empty pair (skipped and counted).
    /// </summary>
    public static CorpusReadResult ReadTsv(string path)
    {
        FileChecks.RequireFile(path);
        var options = new CsvReaderOptions
        {
            Separator = '\t',
            Mode = CsvMode.NoEscape,
            HasHeader = false,
            SkipEmptyLines = false,
            TrimWhitespace = false,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        var pairs = new List<SentencePair>();
        int lines = 0, empty = 0;
        using var reader = CsvReader.FromFile(path, options);
        while (reader.Read())
        {
            lines++;
            long line = reader.LineNumber;
            if (!Utf8.IsValid(reader.RawRecord))
                throw new UserException($"{path}:{line}: invalid UTF-8");
            if (reader.FieldCount == 1 && string.IsNullOrWhiteSpace(reader.GetString(0)))
            {
                empty++;
                continue;
            }
            if (reader.FieldCount != 2)
                throw new UserException($"{path}:{line}: expected 2 tab-separated fields, found {reader.FieldCount}");
            Add(pairs, ref empty, reader.GetString(0), reader.GetString(1));
        }
        return new CorpusReadResult(pairs, lines, empty);
    }

    /// <summary>Reads two line-aligned files: line i of <paramref name="targetPath"/> translates line i of
    /// <paramref name="sourcePath"/>.</summary>
    public static CorpusReadResult ReadParallel(string sourcePath, string targetPath)
    {
        FileChecks.RequireFile(sourcePath);
        FileChecks.RequireFile(targetPath);
        var pairs = new List<SentencePair>();
        int lines = 0, empty = 0;
        using var sources = Utf8LineReader.ReadLines(sourcePath).GetEnumerator();
        using var targets = Utf8LineReader.ReadLines(targetPath).GetEnumerator();
        while (true)
        {
            bool hasSource = sources.MoveNext();
            bool hasTarget = targets.MoveNext();
            if (hasSource != hasTarget)
            {
                int sourceLines = lines + (hasSource ? 1 + Count(sources) : 0);
                int targetLines = lines + (hasTarget ? 1 + Count(targets) : 0);
                throw new UserException($"{sourcePath} has {sourceLines} lines but {targetPath} has {targetLines}");
            }
            if (!hasSource)
                break;
            lines++;
            Add(pairs, ref empty, sources.Current, targets.Current);
        }
        return new CorpusReadResult(pairs, lines, empty);
    }

    private static void Add(List<SentencePair> pairs, ref int empty, string source, string target)
    {
        string normalizedSource = TextNormalizer.Normalize(source);
        string normalizedTarget = TextNormalizer.Normalize(target);
        if (normalizedSource.Length == 0 || normalizedTarget.Length == 0)
            empty++;
        else
            pairs.Add(new SentencePair(normalizedSource, normalizedTarget));
    }

    private static int Count(IEnumerator<string> lines)
    {
        int count = 0;
        while (lines.MoveNext())
            count++;
        return count;
    }
}
