using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Training;

/// <summary>
/// Label-smoothed cross-entropy over the vocabulary projection, computed and back-propagated a block of target
/// tokens at a time. The decoder features are cut from the graph; each block projects its rows, takes its share of
/// the mean loss and back-propagates it into the projection's weights and into the features' gradient, and its
/// logits are freed before the next block starts. The features' graph is then back-propagated once with the
/// gradient the blocks accumulated. The gradients are those of the whole batch at once, but no [tokens, vocab]
/// matrix — the largest tensors of a training step — is ever held whole: peak memory goes down, and blocks of a
/// bounded size are served from memory the process already holds instead of fresh pages from the system.
/// </summary>
/// <param name="model">the model whose <see cref="Seq2SeqModel.Project"/> maps features to logits</param>
/// <param name="labelSmoothing">ε of label smoothing</param>
/// <param name="maxBlockElements">the most logits a block holds (default 2²², 16 MB of float32); a block has at least
/// one row</param>
public sealed class BlockwiseVocabularyLoss(Seq2SeqModel model, double labelSmoothing,
    long maxBlockElements = BlockwiseVocabularyLoss.DefaultMaxBlockElements)
{
    public const long DefaultMaxBlockElements = 1 << 22;

    private readonly long _rowsPerBlock = Math.Max(1, maxBlockElements / model.TargetVocabularySize);

    /// <summary>Computes the loss and accumulates its gradient into every parameter it depends on.</summary>
    /// <param name="features">[tokens, features] from <see cref="Seq2SeqModel.TargetFeatures"/>, still in its graph</param>
    /// <param name="targets">[tokens] int64, the token each row predicts</param>
    /// <returns>the mean loss over the tokens</returns>
    public double Backward(Tensor features, Tensor targets)
    {
        long tokens = features.shape[0];
        using var detached = features.detach().requires_grad_();                    // [tokens, features]
        double loss = 0;
        for (long start = 0; start < tokens; start += _rowsPerBlock)
        {
            using var block = NewDisposeScope();
            long rows = Math.Min(_rowsPerBlock, tokens - start);
            var logits = model.Project(detached.narrow(0, start, rows));               // [rows, vocab]
            var (blockLoss, gradient) = LossAndGradient(logits.detach(), targets.narrow(0, start, rows), tokens);
            logits.backward([gradient]);
            loss += blockLoss;
        }
        features.backward([detached.grad!]);
        return loss;
    }

    /// <summary>
    /// The label-smoothed cross-entropy of a block and its gradient with respect to the logits, written out. The
    /// smoothed target distribution is q = (1 − ε)·onehot(y) + ε/V (ε spread over the whole vocabulary, as in
    /// torch's cross_entropy); a row's loss is −Σ q·log softmax(z) and its gradient softmax(z) − q. One log-softmax
    /// serves both, where autograd's cross_entropy makes several more passes over the [rows, vocab] matrix.
    /// </summary>
    /// <param name="logits">[rows, vocab], not tracked</param>
    /// <param name="targets">[rows] int64</param>
    /// <param name="tokens">the batch's token count; the loss is a mean over the whole batch</param>
    /// <returns>the block's share of the mean loss, and its gradient [rows, vocab]</returns>
    private (double Loss, Tensor Gradient) LossAndGradient(Tensor logits, Tensor targets, long tokens)
    {
        using var noGrad = no_grad();
        long vocabulary = logits.shape[1];
        var columns = targets.unsqueeze(1);                                                 // [rows, 1]
        var logProbabilities = logits.log_softmax(-1);                                      // [rows, vocab]
        double target = logProbabilities.gather(1, columns).sum().item<float>();
        double uniform = logProbabilities.mean([1]).sum().item<float>();
        double loss = -((1 - labelSmoothing) * target + labelSmoothing * uniform) / tokens;
        var gradient = logProbabilities.exp_().sub_(labelSmoothing / vocabulary)             // softmax(z) − ε/V
            .scatter_add_(1, columns, full_like(columns, -(1 - labelSmoothing), logits.dtype))  // − (1 − ε) at y
            .div_(tokens);
        return (loss, gradient);
    }
}
