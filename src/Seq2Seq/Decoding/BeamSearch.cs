using Seq2Seq.Data;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>
/// Batched beam search in the manner of fairseq's sequence generator: every sentence keeps <c>beamSize</c> live
/// hypotheses; at each step the candidates that end in &lt;/s&gt; and rank among the best beamSize continuations are
/// finished, and the best beamSize continuations that do not end live on. (The best non-ending continuations of a
/// sentence are among the beamSize best words of each of its hypotheses, &lt;/s&gt; masked; each live hypothesis has
/// exactly one ending candidate, ranked on the host.) A sentence is done once it has beamSize finished
/// hypotheses or reaches its maximum length (live hypotheses are then ended there). Finished hypotheses are ranked by
/// their log-probability divided by the GNMT length penalty. With a beam of 1 this is exactly greedy search.
/// Put the model in evaluation mode first; gradients are not tracked.
/// </summary>
public static class BeamSearch
{
    /// <param name="model">either architecture</param>
    /// <param name="source">[batch, srcLen] int64</param>
    /// <param name="sourceLengths">[batch] int64</param>
    /// <param name="beamSize">live hypotheses per sentence</param>
    /// <param name="options">length limits, length penalty, n-best</param>
    /// <returns>per sentence, its n best hypotheses, best first</returns>
    public static IReadOnlyList<IReadOnlyList<Hypothesis>> Decode(Seq2SeqModel model, Tensor source,
        Tensor sourceLengths, int beamSize, DecodingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(beamSize, 1);
        if (SentenceParallelism.Parts(model, source, options) is > 1 and var parts)
            return SentenceParallelism.Run(source, sourceLengths, parts,
                (s, l) => Decode(model, s, l, beamSize, options));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int batch = (int)source.shape[0], k = beamSize, rows = batch * beamSize;
        int vocabulary = model.TargetVocabularySize;
        int perRow = Math.Min(k, vocabulary), candidates = Math.Min(k, k * vocabulary);
        int[] maxLength = sourceLengths.cpu().data<long>().Select(l => options.MaxLength(l)).ToArray();
        int steps = maxLength.Max();

        using var state = model.StartDecoding(source, sourceLengths, k);
        var previous = full(rows, SpecialTokens.Bos, ScalarType.Int64, source.device);
        var scores = new double[rows];                       // row b·k+j: live hypothesis j of sentence b
        var histories = new int[rows][];
        for (int r = 0; r < rows; r++)
        {
            scores[r] = r % k == 0 ? 0 : double.NegativeInfinity;
            histories[r] = [];
        }
        var finished = Enumerable.Range(0, batch).Select(_ => new List<Hypothesis>()).ToArray();
        var done = new bool[batch];

        for (int t = 0; t < steps && done.Contains(false); t++)
        {
            using var stepScope = NewDisposeScope();
            var (logits, _) = model.Step(state, previous);
            var logProbabilities = logits.log_softmax(-1);                                   // [rows, vocab]
            var eos = logProbabilities[.., SpecialTokens.Eos].data<float>().ToArray();
            if (options.StopAtEos)
                logProbabilities[.., SpecialTokens.Eos] = float.NegativeInfinity;
            var (rowBest, rowWords) = BlockTopK.Largest(logProbabilities, perRow);           // [rows, perRow]
            var total = rowBest.add_(tensor(scores, ScalarType.Float32, source.device).unsqueeze(1))
                .view(batch, k * perRow);
            var (bestValues, best) = total.topk(candidates);                                 // [batch, candidates]
            var values = bestValues.data<float>().ToArray();
            var bestRows = best.div(perRow, RoundingMode.trunc).data<long>().ToArray();      // hypothesis within sentence
            var bestWords = rowWords.view(batch, k * perRow).gather(1, best).data<long>().ToArray();

            var nextRows = new long[rows];
            var nextTokens = new long[rows];
            var nextScores = new double[rows];
            for (int b = 0; b < batch; b++)
            {
                int first = b * k;
                for (int j = 0; j < k; j++)
                {
                    nextRows[first + j] = first + j;
                    nextTokens[first + j] = SpecialTokens.Eos;
                    nextScores[first + j] = double.NegativeInfinity;
                }
                if (done[b])
                    continue;
                if (options.StopAtEos && t == maxLength[b] - 1)
                {
                    for (int j = 0; j < k; j++)
                        if (!double.IsNegativeInfinity(scores[first + j]))
                            finished[b].Add(Finish(histories[first + j], scores[first + j] + eos[first + j], true, options));
                    done[b] = true;
                    continue;
                }

                if (options.StopAtEos)
                    FinishEnding(finished[b], histories, scores, eos, first, k, values.AsSpan(b * candidates, candidates), options);
                int live = 0;
                for (int c = 0; c < candidates; c++)
                {
                    double value = values[b * candidates + c];
                    if (double.IsNegativeInfinity(value))
                        break;
                    nextRows[first + live] = first + bestRows[b * candidates + c];
                    nextTokens[first + live] = bestWords[b * candidates + c];
                    nextScores[first + live] = value;
                    live++;
                }
                done[b] = finished[b].Count >= k;
                if (!options.StopAtEos && t == maxLength[b] - 1)
                {
                    for (int j = 0; j < live; j++)
                        finished[b].Add(Finish([.. histories[nextRows[first + j]], (int)nextTokens[first + j]],
                            nextScores[first + j], false, options));
                    done[b] = true;
                }
            }

            histories = Enumerable.Range(0, rows)
                .Select(r => (int[])[.. histories[nextRows[r]], (int)nextTokens[r]]).ToArray();
            scores = nextScores;
            state.Reorder(tensor(nextRows, device: source.device));
            previous.Dispose();
            previous = tensor(nextTokens, device: source.device).DetachFromDisposeScope();
        }
        previous.Dispose();

        return finished.Select(list => (IReadOnlyList<Hypothesis>)list
            .OrderByDescending(h => h.Score)
            .Take(Math.Max(1, Math.Min(options.NBest, k)))
            .ToList()).ToList();
    }

    /// <summary>
    /// Finishes the live hypotheses of one sentence whose &lt;/s&gt; candidate ranks among the best beamSize of all
    /// its candidates: those ending (one per live hypothesis) and the best continuing ones.
    /// </summary>
    private static void FinishEnding(List<Hypothesis> finished, int[][] histories, double[] scores, float[] eos,
        int first, int k, ReadOnlySpan<float> continuing, DecodingOptions options)
    {
        var ending = Enumerable.Range(first, k)
            .Where(r => !double.IsNegativeInfinity(scores[r]))
            .Select(r => (Row: r, Value: scores[r] + eos[r]))
            .OrderByDescending(e => e.Value).ThenBy(e => e.Row)
            .ToList();
        for (int rank = 0; rank < ending.Count; rank++)
        {
            double value = ending[rank].Value;
            int better = rank;
            foreach (float other in continuing)
                if (other > value)
                    better++;
            if (better < k)
                finished.Add(Finish(histories[ending[rank].Row], value, true, options));
        }
    }

    private static Hypothesis Finish(int[] tokens, double logProbability, bool endsWithEos, DecodingOptions options)
    {
        int length = tokens.Length + (endsWithEos ? 1 : 0);
        return new Hypothesis(tokens, logProbability, logProbability / LengthPenalty.Of(length, options.LengthPenalty));
    }
}
