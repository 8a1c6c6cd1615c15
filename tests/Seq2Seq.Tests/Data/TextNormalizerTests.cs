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
}
