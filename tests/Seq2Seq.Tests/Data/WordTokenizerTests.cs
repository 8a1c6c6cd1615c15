using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class WordTokenizerTests
{
    [Theory]
    [InlineData("Hello, world.", "Hello|,|world|.")]
    [InlineData("\"Yes!\"", "\"|Yes|!|\"")]
    [InlineData("It's 7:30, isn't it?", "It's|7:30|,|isn't|it|?")]
    [InlineData("Peut-être qu'il viendra.", "Peut-être|qu'|il|viendra|.")]
    [InlineData("jusqu'à l'homme", "jusqu'|à|l'|homme")]
    [InlineData("aujourd'hui don't it's I'm John's", "aujourd'hui|don't|it's|I'm|John's")]
    [InlineData("L’école C'est lorsqu'on Puisqu'elle", "L’|école|C'|est|lorsqu'|on|Puisqu'|elle")]
    [InlineData("« Bonjour », dit-elle...", "«|Bonjour|»|,|dit-elle|.|.|.")]
    [InlineData("s'l'homme", "s'|l'|homme")]
    [InlineData("(l'été)", "(|l'|été|)")]
    [InlineData("Prix : 12,50 € !", "Prix|:|12,50|€|!")]
    [InlineData("我爱你。 好", "我爱你|。|好")]
    [InlineData("Super 😀!", "Super|😀|!")]
    public void SplitsAsTheGoldAlignmentsDo(string text, string expected) =>
        Assert.Equal(expected.Split('|'), WordTokenizer.Tokenize(text).Select(t => t.Text));

    [Fact]
    public void TokensCarryTheirSpans()
    {
        const string text = "  Qu'il   dit: « non ».";

        var tokens = WordTokenizer.Tokenize(text);

        Assert.All(tokens, t => Assert.Equal(t.Text, text.Substring(t.Start, t.Length)));
        Assert.Equal([2, 5, 10, 13, 15, 17, 21, 22], tokens.Select(t => t.Start));
    }

    [Fact]
    public void EmptyOrBlankTextHasNoTokens() => Assert.Empty(WordTokenizer.Tokenize(" \t "));
}
