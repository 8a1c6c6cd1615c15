using Seq2Seq.Data;
using Seq2Seq.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Training;

/// <summary>
/// One parameter update on one batch, the same for both architectures: a teacher-forced forward pass (or scheduled
/// sampling), label-smoothed cross-entropy averaged over the real target tokens, backpropagation, gradient-norm
/// clipping and an optimiser step. Runs inside its own dispose scope, and then frees what TorchSharp leaves to
/// finalizers (<see cref="FinalizedNativeMemory"/>), so nothing of the step outlives it.
/// </summary>
public sealed class TrainingStep(Seq2SeqModel model, optim.Optimizer optimizer, TrainingOptions options)
{
    private readonly Parameter[] _parameters = model.parameters().ToArray();
    private readonly BlockwiseVocabularyLoss _loss = new(model, options.LabelSmoothing);

    /// <returns>the training loss of the batch and the gradient norm before clipping</returns>
    public (double Loss, double GradientNorm) Run(Batch batch)
    {
        var result = Update(batch);
        FinalizedNativeMemory.Release();
        return result;
    }

    private (double Loss, double GradientNorm) Update(Batch batch)
    {
        using var scope = NewDisposeScope();
        model.train();
        optimizer.zero_grad();
        double loss = options.TeacherForcing >= 1.0 ? TeacherForcedBackward(batch) : ScheduledSamplingBackward(batch);
        double norm = options.ClipNorm > 0
            ? nn.utils.clip_grad_norm_(_parameters, options.ClipNorm)
            : double.NaN;
        optimizer.step();
        return (loss, norm);
    }

    /// <summary>A teacher-forced pass that projects only the real target positions onto the vocabulary (padding
    /// costs neither the largest matrix product nor the softmax), a block of tokens at a time.</summary>
    /// <returns>the loss, whose gradient has been accumulated</returns>
    private double TeacherForcedBackward(Batch batch)
    {
        var features = model.TargetFeatures(batch.Source, batch.SourceLengths, batch.TargetIn); // [tokens, features]
        var targets = batch.TargetOut[batch.TargetIn.ne(SpecialTokens.Pad)];                  // [tokens]
        return _loss.Backward(features, targets);
    }

    /// <summary>Label-smoothed cross-entropy, the mean over non-padding target tokens.</summary>
    /// <param name="logits">[batch, tgtLen, vocab]</param>
    /// <param name="targetOut">[batch, tgtLen]</param>
    public static Tensor Loss(Tensor logits, Tensor targetOut, double labelSmoothing) =>
        nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), targetOut.view(-1),
            ignore_index: SpecialTokens.Pad, label_smoothing: labelSmoothing);

    /// <summary>
    /// Scheduled sampling (Bengio et al. 2015): at each step every sentence is fed its gold previous token with
    /// probability <see cref="TrainingOptions.TeacherForcing"/>, and otherwise the model's own most probable
    /// previous token. Draws come from torch's generator, so they are seeded and resumed with it.
    /// </summary>
    /// <returns>the label-smoothed loss, whose gradient has been accumulated</returns>
    private double ScheduledSamplingBackward(Batch batch)
    {
        using var state = model.StartDecoding(batch.Source, batch.SourceLengths);
        long steps = batch.TargetIn.shape[1];
        var logits = new Tensor[steps];
        var previous = batch.TargetIn[.., 0];
        for (int t = 0; t < steps; t++)
        {
            if (t > 0)
            {
                var gold = batch.TargetIn[.., t];
                var useGold = rand(gold.shape[0], device: gold.device).lt(options.TeacherForcing);
                previous = where(useGold, gold, logits[t - 1].detach().argmax(-1));
            }
            (logits[t], _) = model.Step(state, previous);
        }
        var loss = Loss(stack(logits, 1), batch.TargetOut, options.LabelSmoothing);   // logits [batch, tgtLen, vocab]
        loss.backward();
        return loss.item<float>();
    }
}
