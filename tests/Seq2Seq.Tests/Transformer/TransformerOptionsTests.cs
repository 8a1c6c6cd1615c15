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
        { new TransformerOptions { ModelSize = 250, Heads = 4 }, "transformer.modelSize: expected a multiple of transformer.heads (4), got 250" },
        { new TransformerOptions { ModelSize = 255, Heads = 5 }, "transformer.modelSize: expected an even number" },
        { new TransformerOptions { ModelSize = 0 }, "transformer.modelSize: expected a positive integer, got 0" },
        { new TransformerOptions { Heads = 0 }, "transformer.heads: expected a positive integer, got 0" },
        { new TransformerOptions { EncoderLayers = 0 }, "transformer.encoderLayers: expected a positive integer, got 0" },
        { new TransformerOptions { DecoderLayers = -1 }, "transformer.decoderLayers: expected a positive integer, got -1" },
        { new TransformerOptions { FeedForwardSize = 0 }, "transformer.feedForwardSize: expected a positive integer, got 0" },
        { new TransformerOptions { Dropout = 1 }, "transformer.dropout: expected a number in [0, 1), got 1" },
        { new TransformerOptions { Dropout = -0.1 }, "transformer.dropout: expected a number in [0, 1), got -0.1" },
        { new TransformerOptions { LayerNormEpsilon = 0 }, "transformer.layerNormEpsilon: expected a positive number, got 0" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void ValidateNamesTheBadKeyOnOneLine(TransformerOptions options, string expected)
    {
        var error = Assert.Throws<UserException>(() => options.Validate());

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
