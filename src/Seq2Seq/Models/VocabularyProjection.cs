using static TorchSharp.torch;

namespace Seq2Seq.Models;

/// <summary>
/// The output layer <c>logits = x Wᵀ + b</c> onto the vocabulary, prepared once per search for the decoding steps.
/// A step has one row per sentence (or hypothesis) and thousands of columns, a shape whose single matrix product
/// LibTorch's CPU BLAS spreads poorly over its threads. So Wᵀ is cut into <see cref="Blocks"/> equal blocks of
/// vocabulary columns, each stored contiguous, and every step multiplies them as one batched product (each thread
/// takes whole blocks) and lays the blocks side by side again: the same logits up to float rounding, in about a fifth
/// less time than <c>linear</c> at beam search's 320 rows and nearly half less at greedy search's 64 (256 features,
/// 8,000 words). The words beyond the last whole block take a plain product of their own. The copy is made in the
/// caller's gradient mode: a plain copy in searches (no-grad), and a differentiable one when training decodes step by
/// step (scheduled sampling), so that the loss reaches W and b. A search on a single LibTorch thread (as each share of
/// <see cref="Decoding.SentenceParallelism"/> is) takes <see cref="PanelProduct"/> instead, where the CPU allows.
/// </summary>
public sealed class VocabularyProjection : IDisposable
{
    /// <summary>How many blocks the vocabulary is cut into.</summary>
    public const int Blocks = 8;

    private readonly PanelProduct? _panelProduct;
    private readonly Tensor? _blocks;      // [blocks, features, block]
    private readonly Tensor? _remainder;   // [features, vocab − blocks·block]
    private readonly Tensor? _bias;        // [vocab]

    /// <param name="weight">[vocab, features]</param>
    /// <param name="bias">[vocab] or null</param>
    public VocabularyProjection(Tensor weight, Tensor? bias)
    {
        (Vocabulary, Features) = (weight.shape[0], weight.shape[1]);
        if (PanelProduct.SuitsSearch(weight))
        {
            _panelProduct = new PanelProduct(weight, bias);
            return;
        }
        long blockSize = Vocabulary / Blocks, blocked = Blocks * blockSize;
        if (blockSize > 0)
            _blocks = weight.narrow(0, 0, blocked).view(Blocks, blockSize, Features)
                .transpose(1, 2).contiguous().DetachFromDisposeScope();
        if (blocked < Vocabulary)
            _remainder = weight.narrow(0, blocked, Vocabulary - blocked).t().contiguous().DetachFromDisposeScope();
        _bias = bias?.clone().DetachFromDisposeScope();
    }

    /// <summary>The number of output words (columns of the logits).</summary>
    public long Vocabulary { get; }

    /// <summary>The size of each input row.</summary>
    public long Features { get; }

    /// <param name="input">[..., features]</param>
    /// <returns>[..., vocab]</returns>
    public Tensor Apply(Tensor input)
    {
        long rows = input.numel() / Features;
        var rowsFirst = input.reshape(rows, Features);                                     // [rows, features]
        if (_panelProduct is not null)
            return _panelProduct.Apply(rowsFirst).view([.. input.shape[..^1], Vocabulary]);
        var parts = new List<Tensor>(2);
        if (_blocks is not null)
            parts.Add(rowsFirst.unsqueeze(0).expand(Blocks, rows, Features).bmm(_blocks)   // [blocks, rows, block]
                .permute(1, 0, 2).reshape(rows, -1));                                      // [rows, blocks·block]
        if (_remainder is not null)
            parts.Add(rowsFirst.mm(_remainder));                                           // [rows, remainder]
        var logits = parts.Count == 1 ? parts[0] : cat(parts, 1);                          // [rows, vocab]
        if (_bias is not null)
            logits.add_(_bias);
        return logits.view([.. input.shape[..^1], Vocabulary]);                            // [..., vocab]
    }

    public void Dispose()
    {
        _panelProduct?.Dispose();
        _blocks?.Dispose();
        _remainder?.Dispose();
        _bias?.Dispose();
    }
}
