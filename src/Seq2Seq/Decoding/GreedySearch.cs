using Seq2Seq.Data;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>
/// Greedy decoding: at every step each sentence takes its most probable next token, until &lt;/s&gt; or its maximum
/// length. Put the model in evaluation mode first; gradients are not tracked.
/// </summary>
public static class GreedySearch
{
    /// <param name="model">either architecture</param>
    /// <param name="source">[batch, srcLen] int64</param>
    /// <param name="sourceLengths">[batch] int64</param>
    /// <param name="options">length limits</param>
    /// <returns>one hypothesis per sentence</returns>
    public static IReadOnlyList<Hypothesis> Decode(Seq2SeqModel model, Tensor source, Tensor sourceLengths,
        DecodingOptions options)
    {
        if (SentenceParallelism.Parts(model, source, options) is > 1 and var parts)
            return SentenceParallelism.Run(source, sourceLengths, parts, (s, l) => Decode(model, s, l, options));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int batch = (int)source.shape[0];
        int[] maxLength = sourceLengths.cpu().data<long>().Select(l => options.MaxLength(l)).ToArray();
        int steps = maxLength.Max();

        using var state = model.StartDecoding(source, sourceLengths);
        var previous = full(batch, SpecialTokens.Bos, ScalarType.Int64, source.device);
        var tokens = new List<int>[batch];
        var logProbability = new double[batch];
        var ended = new bool[batch];
        for (int b = 0; b < batch; b++)
            tokens[b] = [];

        for (int t = 0; t < steps && ended.Contains(false); t++)
        {
            using var stepScope = NewDisposeScope();
            var (logits, _) = model.Step(state, previous);                     // [batch, vocab]
            var (chosen, chosenLogProbability, eosLogProbability) = GreedyChoice.Of(logits);
            for (int b = 0; b < batch; b++)
            {
                if (ended[b])
                    continue;
                if (options.StopAtEos && (chosen[b] == SpecialTokens.Eos || t == maxLength[b] - 1))
                {
                    logProbability[b] += eosLogProbability[b];   // the token chosen, or the forced end
                    ended[b] = true;
                    continue;
                }
                tokens[b].Add((int)chosen[b]);
                logProbability[b] += chosenLogProbability[b];
                ended[b] = tokens[b].Count == maxLength[b];
            }
            previous.Dispose();
            previous = tensor(chosen, device: source.device).DetachFromDisposeScope();
        }
        previous.Dispose();

        return Enumerable.Range(0, batch).Select(b =>
        {
            int length = tokens[b].Count + (options.StopAtEos ? 1 : 0);
            return new Hypothesis([.. tokens[b]], logProbability[b],
                logProbability[b] / LengthPenalty.Of(length, options.LengthPenalty));
        }).ToList();
    }
}
