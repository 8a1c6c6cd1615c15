using System.Text;
using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("  Le   chat\tdort \r\n", "Le chat dort")]
    [InlineData("«\u00A0Bonjour\u202F!\u00A0»", "« Bonjour ! »")]
    [InlineData("already clean", "already clean")]
    [InlineData(" \t ", "")]
    public void CollapsesWhitespaceRunsAndTrims(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void ComposesToNfc()
    {
        string decomposed = "e\u0301te\u0301";   // "été" with combining acute accents

        string normalized = TextNormalizer.Normalize(decomposed);

        Assert.Equal("\u00E9t\u00E9", normalized);
        Assert.True(normalized.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void ReplacesWhatCannotBeNormalised()
    {
        // Written as code, not as theory data: xunit's serialisation of test data would mangle lone surrogates.
        Assert.Equal("a\uFFFDb", TextNormalizer.Normalize("a\uD800b"));    // an unpaired high surrogate
        Assert.Equal("a\uFFFD", TextNormalizer.Normalize("a\uDC00"));      // an unpaired low surrogate at the end
        Assert.Equal("x\uFFFDy", TextNormalizer.Normalize("x\uFFFEy"));    // the noncharacter ICU refuses to normalise
        Assert.Equal("😀 \u00E9", TextNormalizer.Normalize("😀 e\u0301"));  // a valid surrogate pair is kept
    }
}
