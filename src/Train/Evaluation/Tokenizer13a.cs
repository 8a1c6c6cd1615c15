using System.Text.RegularExpressions;

namespace Seq2Seq.Train.Evaluation;

/// <summary>
/// The tokenisation of NIST's <c>mteval-v13a.pl</c>, as sacreBLEU 2.x implements it (<c>tokenizer_13a.py</c> and
/// <c>tokenizer_re.py</c>); BLEU's default tokeniser and the one WMT reports use.
/// </summary>
/// <remarks>
/// Steps, in order:
/// <list type="number">
/// <item>remove <c>&lt;skipped&gt;</c>, join lines broken by <c>-\n</c>, turn other newlines into spaces;</item>
/// <item>unescape <c>&amp;quot;</c> <c>&amp;amp;</c> <c>&amp;lt;</c> <c>&amp;gt;</c> (in that order, so <c>&amp;amp;lt;</c>
/// becomes <c>&lt;</c>, as in sacreBLEU);</item>
/// <item>pad with a space on both sides, then surround with spaces every ASCII symbol in
/// <c>{|}~ [\]^_` space!"#$%&amp; ()*+ :;&lt;=&gt;?@ /</c> (everything printable but letters, digits, <c>'</c>,
/// <c>,</c>, <c>-</c> and <c>.</c>);</item>
/// <item>split off <c>.</c> and <c>,</c> unless preceded by a digit, then unless followed by a digit (so
/// <c>3.5</c> and <c>1,000</c> stay whole, but <c>end.</c> splits);</item>
/// <item>split off <c>-</c> after a digit (<c>1990-2000</c> → <c>1990 - 2000</c>);</item>
/// <item>split on whitespace (Python's definition).</item>
/// </list>
/// The apostrophe is never split: <c>don't</c> is one token.
/// </remarks>
public static partial class Tokenizer13a
{
    /// <summary>The tokens of one segment (not lowercased).</summary>
    public static IReadOnlyList<string> Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = line.Replace("<skipped>", "", StringComparison.Ordinal)
            .Replace("-\n", "", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
        if (line.Contains('&', StringComparison.Ordinal))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal)
                .Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal);
        }

        line = $" {line} ";
        line = Symbol().Replace(line, " $1 ");
        line = PeriodCommaAfterNonDigit().Replace(line, "$1 $2 ");
        line = PeriodCommaBeforeNonDigit().Replace(line, " $1 $2");
        line = DashAfterDigit().Replace(line, "$1 $2 ");
        return PythonWhitespace.Split(line);
    }

    // The character class of mteval-v13a: {-~ [-` space-& (-+ :-@ /
    [GeneratedRegex(@"([\x7B-\x7E\x5B-\x60\x20-\x26\x28-\x2B\x3A-\x40\x2F])", RegexOptions.CultureInvariant)]
    private static partial Regex Symbol();

    [GeneratedRegex(@"([^0-9])([.,])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaAfterNonDigit();

    [GeneratedRegex(@"([.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaBeforeNonDigit();

    [GeneratedRegex(@"([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex DashAfterDigit();
}
