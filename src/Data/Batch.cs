using static TorchSharp.torch;

namespace Seq2Seq.Data;

/// <summary>
/// A batch of sentence pairs as padded tensors, right-padded with <see cref="SpecialTokens.Pad"/>:
/// the source ends with &lt;/s&gt;, the decoder input starts with &lt;s&gt; and the decoder output ends with &lt;/s&gt;.
/// </summary>
public sealed class Batch : IDisposable
{
    /// <summary>[batch, srcLen] int64 source ids, each row ending with &lt;/s&gt;.</summary>
    public required Tensor Source { get; init; }

    /// <summary>[batch] int64 source lengths, &lt;/s&gt; included.</summary>
    public required Tensor SourceLengths { get; init; }

    /// <summary>[batch, srcLen] bool, true at real (non-padding) source positions.</summary>
    public required Tensor SourceMask { get; init; }

    /// <summary>[batch, tgtLen] int64: &lt;s&gt; y₁ … yₙ.</summary>
    public required Tensor TargetIn { get; init; }

    /// <summary>[batch, tgtLen] int64: y₁ … yₙ &lt;/s&gt;.</summary>
    public required Tensor TargetOut { get; init; }

    /// <summary>The corpus index of each row's pair.</summary>
    public required IReadOnlyList<int> PairIndices { get; init; }

    /// <summary>The number of predicted (non-padding) tokens in <see cref="TargetOut"/>.</summary>
    public required long TargetTokens { get; init; }

    public long Size => Source.shape[0];

    public void Dispose()
    {
        Source.Dispose();
        SourceLengths.Dispose();
        SourceMask.Dispose();
        TargetIn.Dispose();
        TargetOut.Dispose();
    }
}
