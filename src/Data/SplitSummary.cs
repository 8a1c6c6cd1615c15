namespace Seq2Seq.Data;

/// <summary>
/// What happened to the pairs of one split, so that nothing is dropped silently:
/// <c>Read = Kept + EmptySkipped + TooLong + CarvedOut</c>.
/// </summary>
/// <param name="Split">train, dev or test</param>
/// <param name="Origin">the file(s) it was read from, or where it was carved from</param>
/// <param name="Read">the lines read (for a carved split: the pairs carved into it)</param>
/// <param name="Kept">the pairs the split holds</param>
/// <param name="EmptySkipped">pairs skipped because a side was empty</param>
/// <param name="TooLong">pairs filtered because a side had more pieces than the maximum length</param>
/// <param name="CarvedOut">pairs moved from this split into carved dev and test sets</param>
public sealed record SplitSummary(string Split, string Origin, int Read, int Kept, int EmptySkipped, int TooLong, int CarvedOut)
{
    /// <summary>The summaries as an aligned plain-text table, one line per split after a header line.</summary>
    public static IReadOnlyList<string> FormatTable(IEnumerable<SplitSummary> summaries)
    {
        string[][] rows =
        [
            ["split", "read", "kept", "empty", "too long", "carved out", "from"],
            .. summaries.Select(s => new[]
            {
                s.Split, $"{s.Read}", $"{s.Kept}", $"{s.EmptySkipped}", $"{s.TooLong}", $"{s.CarvedOut}", s.Origin,
            }),
        ];
        int[] widths = [.. Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length))];
        return
        [
            .. rows.Select(row => string.Join("  ", row.Select((cell, c) =>
                c == 0 ? cell.PadRight(widths[c]) : c == row.Length - 1 ? cell : cell.PadLeft(widths[c])))),
        ];
    }
}
