using Seq2Seq.Data;
using Seq2Seq.Decoding;
using static TorchSharp.torch;
using static Seq2Seq.Tests.Transformer.TinyTransformer;

namespace Seq2Seq.Tests.Transformer;

public sealed class RecomputingGreedySearchTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RecomputingThePrefixChoosesTheSameTokensAsTheCachedDecoder(bool preNorm)
    {
        using var model = Create(preNorm);
        using var scope = NewDisposeScope();
        var (source, lengths) = Source(Sources, extraPadding: 2);
        const int steps = 12;

        var cached = GreedySearch.Decode(model, source, lengths,
            new DecodingOptions { MaxLengthRatio = 0, MaxLengthOffset = steps, StopAtEos = false });
        var recomputed = RecomputingGreedySearch.Decode(model, source, steps);

        Assert.Equal([Sources.Length, steps], recomputed.shape);
        for (int b = 0; b < Sources.Length; b++)
        {
            Assert.DoesNotContain(SpecialTokens.Pad, cached[b].Tokens);   // the one choice the two may differ on
            Assert.Equal(cached[b].Tokens, recomputed[b].data<long>().Select(t => (int)t).ToArray());
        }
    }
}
