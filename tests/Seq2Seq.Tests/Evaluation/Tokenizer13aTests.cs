using Seq2Seq.Train.Evaluation;

namespace Seq2Seq.Tests.Evaluation;

/// <summary>mteval-v13a tokenisation, each case traced through the rules by hand (see <see cref="Tokenizer13a"/>).</summary>
public sealed class Tokenizer13aTests
{
    [Theory]
    // '!' is a symbol and gets spaces; ',' after a letter splits off.
    [InlineData("Hello, world!", new[] { "Hello", ",", "world", "!" })]
    // '$' is a symbol; '.' between digits and ',' between digits stay; ',' before a space and '.' after a letter split.
    [InlineData("It costs $3.50, not 1,000.5 dollars.",
        new[] { "It", "costs", "$", "3.50", ",", "not", "1,000.5", "dollars", "." })]
    // &quot; unescaped then split as a symbol; the apostrophe is never split; '-' after a digit splits;
    // "p.5": '.' after a letter splits even before a digit.
    [InlineData("&quot;Don't&quot; said the 1990-2000 report (p.5).",
        new[] { "\"", "Don't", "\"", "said", "the", "1990", "-", "2000", "report", "(", "p", ".", "5", ")", "." })]
    // &amp; &lt; &gt; unescaped, then '&', '<', '>' are symbols.
    [InlineData("a&amp;b &lt;tag&gt;", new[] { "a", "&", "b", "<", "tag", ">" })]
    // Every '.' after a letter splits: abbreviations fall apart.
    [InlineData("e.g. U.S.A.", new[] { "e", ".", "g", ".", "U", ".", "S", ".", "A", "." })]
    // <skipped> is removed, "-\n" joins, other newlines are spaces.
    [InlineData("foo-\nbar<skipped> baz\nqux", new[] { "foobar", "baz", "qux" })]
    // A hyphen between letters stays inside the word.
    [InlineData("well-known", new[] { "well-known" })]
    [InlineData("", new string[0])]
    public void SplitsLikeMteval13a(string line, string[] expected) =>
        Assert.Equal(expected, Tokenizer13a.Tokenize(line));

    [Fact]
    public void SplitsOnPythonWhitespaceIncludingInformationSeparators()
    {
        // Python's str.split() treats U+001F (unit separator) and U+00A0 as whitespace; .NET's IsWhiteSpace misses the
        // former.
        Assert.Equal(["a", "b", "c"], Tokenizer13a.Tokenize("a\u001Fb\u00A0c"));
    }
}
