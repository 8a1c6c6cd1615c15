using System.Globalization;
using Seq2Seq.Data;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Reads gold word alignments, one line per sentence pair, links separated by whitespace: <c>i-j</c> is a sure link
/// and <c>ipj</c> a possible one, <c>i</c> indexing the first (source) sentence and <c>j</c> the second. An empty line
/// is a sentence without links. Two conventions exist: 0-based Pharaoh (fast_align, fairseq's
/// <c>--print-alignment</c>, this toolkit's sample corpus) and 1-based (the WPT03 Hansards and lilt/alignment-scripts
/// "talp" files, English index first). Links are returned 0-based either way.
/// </summary>
public static class GoldAlignmentReader
{
    /// <summary>Reads every line of <paramref name="path"/> as one sentence's gold alignment.</summary>
    /// <param name="path">The alignment file (UTF-8).</param>
    /// <param name="zeroBased">True for 0-based indices (Pharaoh), false for 1-based (WPT/talp).</param>
    /// <exception cref="UserException">The file is missing, or a token is not <c>i-j</c>/<c>ipj</c> with indices of
    /// the stated convention (the message names file and line).</exception>
    public static IReadOnlyList<GoldAlignment> Read(string path, bool zeroBased)
    {
        if (!File.Exists(path))
            throw new UserException($"{path}: alignment file not found");
        var sentences = new List<GoldAlignment>();
        int lineNumber = 0;
        foreach (string line in Utf8LineReader.ReadLines(path))
        {
            lineNumber++;
            sentences.Add(ParseLine(line, zeroBased, $"{path}:{lineNumber}"));
        }
        return sentences;
    }

    /// <summary>Parses one line (see <see cref="Read"/>); <paramref name="where"/> prefixes error messages.</summary>
    public static GoldAlignment ParseLine(string line, bool zeroBased, string where)
    {
        string[] tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            return GoldAlignment.Empty;
        var links = new AlignmentLink[tokens.Length];
        for (int t = 0; t < tokens.Length; t++)
            links[t] = ParseLink(tokens[t], zeroBased)
                ?? throw new UserException(
                    $"{where}: bad alignment link '{tokens[t]}': expected i-j (sure) or ipj (possible) with " +
                    (zeroBased ? "0-based" : "1-based") + " indices");
        return new GoldAlignment(links);
    }

    private static AlignmentLink? ParseLink(string token, bool zeroBased)
    {
        int separator = token.IndexOfAny(['-', 'p']);
        if (separator <= 0 || separator == token.Length - 1)
            return null;
        if (!TryParseIndex(token.AsSpan(0, separator), out int source)
            || !TryParseIndex(token.AsSpan(separator + 1), out int target))
            return null;
        int offset = zeroBased ? 0 : 1;
        if (source < offset || target < offset)
            return null;
        return new AlignmentLink(source - offset, target - offset, Sure: token[separator] == '-');
    }

    private static bool TryParseIndex(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
