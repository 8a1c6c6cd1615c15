using static TorchSharp.torch;

namespace Seq2Seq.Models;

/// <summary>
/// What a decoder carries from one step to the next (fairseq's "incremental state"). A state owns its tensors: they
/// are detached from dispose scopes, so a search can run each step in its own scope, and replaced tensors are
/// disposed at once. Row r of every per-hypothesis tensor belongs to hypothesis r.
/// </summary>
public abstract class DecoderState : IDisposable
{
    private bool _disposed;

    /// <param name="output">the model's output layer, prepared for this search; the state owns it</param>
    protected DecoderState(VocabularyProjection output) => Output = output;

    /// <summary>The output layer, prepared once for the steps of this search.</summary>
    public VocabularyProjection Output { get; }

    /// <summary>The number of hypotheses (rows) the state holds.</summary>
    public abstract long Rows { get; }

    /// <summary>The number of target tokens consumed so far.</summary>
    public int Steps { get; protected set; }

    /// <summary>
    /// Keeps, for each row i, the state of old row <paramref name="rows"/>[i] (beam search's backpointers). Old and new
    /// row must belong to the same sentence (rows b·repeat … b·repeat+repeat−1): per-sentence tensors such as the
    /// encoder output are never copied.
    /// </summary>
    /// <param name="rows">[rows] int64</param>
    public abstract void Reorder(Tensor rows);

    /// <summary>Every tensor the state owns.</summary>
    protected abstract IEnumerable<Tensor> OwnedTensors();

    /// <summary>Disposes what a model prepared for this search besides the output layer.</summary>
    protected virtual void ReleasePrepared()
    {
    }

    /// <summary>Takes ownership of a tensor: detaches it from any dispose scope.</summary>
    protected static Tensor Own(Tensor tensor) => tensor.DetachFromDisposeScope();

    /// <summary>Replaces an owned tensor by a new one, disposing the old one.</summary>
    protected static void Replace(ref Tensor field, Tensor value)
    {
        var old = field;
        field = Own(value);
        if (!ReferenceEquals(old, field))
            old.Dispose();
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var tensor in OwnedTensors())
            tensor.Dispose();
        Output.Dispose();
        ReleasePrepared();
        GC.SuppressFinalize(this);
    }
}
