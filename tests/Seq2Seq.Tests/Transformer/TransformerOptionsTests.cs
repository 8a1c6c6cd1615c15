using Seq2Seq.Data;
using Seq2Seq.Transformer;

namespace Seq2Seq.Tests.Transformer;

public sealed class TransformerOptionsTests
{
    [Fact]
    public void DefaultsAreTheBenchmarkShapesAndValid()
    {
        var options = new TransformerOptions();

        Assert.Equal((256, 4, 3, 3, 1024), (options.ModelSize, options.Heads, options.EncoderLayers,
            options.DecoderLayers, options.FeedForwardSize));
        Assert.Equal(0.1, options.Dropout);
        Assert.True(options.PreNorm);
        Assert.True(options.TieTargetEmbedding);
        Assert.Equal(1e-5, options.LayerNormEpsilon);
        options.Validate();
    }

    public static TheoryData<TransformerOptions, string> InvalidOptions => new()
    {
        { new TransformerOptions { ModelSize = 250, Heads = 4 }, "modelSize is 250; expected divisible by heads (4)" },
        { new TransformerOptions { ModelSize = 255, Heads = 5 }, "modelSize is 255; expected an even number" },
        { new TransformerOptions { ModelSize = 0 }, "modelSize is 0" },
        { new TransformerOptions { Heads = 0 }, "heads is 0" },
        { new TransformerOptions { EncoderLayers = 0 }, "encoderLayers is 0" },
        { new TransformerOptions { DecoderLayers = -1 }, "decoderLayers is -1" },
        { new TransformerOptions { FeedForwardSize = 0 }, "feedForwardSize is 0" },
        { new TransformerOptions { Dropout = 1 }, "dropout is 1" },
        { new TransformerOptions { Dropout = -0.1 }, "dropout is -0.1" },
        { new TransformerOptions { LayerNormEpsilon = 0 }, "layerNormEpsilon is 0" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void ValidateNamesTheBadKeyOnOneLine(TransformerOptions options, string expected)
    {
        var error = Assert.Throws<UserException>(options.Validate);

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void TheModelRefusesInvalidOptions()
    {
        Assert.Throws<UserException>(() =>
            new TransformerModel(new TransformerOptions { ModelSize = 18, Heads = 4 }, 10, 10));
    }
}
