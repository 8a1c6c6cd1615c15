using Seq2Seq.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Rnn;

/// <summary>
/// A bidirectional LSTM (PyTorch's <c>nn.LSTM</c> with <c>bidirectional</c>, <c>batch_first</c>, any number of layers)
/// over padded sentences of different lengths, for inference on the calling thread. Per layer, the input projection
/// <c>x W_ihᵀ + b_ih + b_hh</c> of both directions is one product over the real tokens only. Each time step then
/// multiplies the hidden states of the sentences still running by W_hh, and one pass per sentence adds the two,
/// applies the gates (<see cref="LstmGates"/>) and writes hₜ into the output. Both products go
/// through <see cref="PanelProduct"/>. The backward direction of a sentence of length n reads its positions n − 1, …,
/// 0. Positions after a sentence's end stay 0, as with <c>pad_packed_sequence</c>, and the final states are those
/// after each sentence's own last step. LibTorch's packed LSTM runs two products and eight elementwise operations per
/// step and direction; for 32 sentences of 10 to 30 words this takes about a fifth less time.
/// </summary>
public static unsafe class BidirectionalLstmKernel
{
    /// <summary>Whether the kernel takes <paramref name="lstm"/> now: evaluation mode, no gradients recorded, one
    /// LibTorch thread on the calling thread, and weights <see cref="PanelProduct"/> can take.</summary>
    public static bool Suits(LSTM lstm) =>
        !lstm.training && lstm.parameters().First() is var weight && PanelProduct.SuitsSearch(weight);

    /// <param name="lstm">a bidirectional, batch-first LSTM</param>
    /// <param name="input">[batch, srcLen, in]</param>
    /// <param name="lengths">[batch] int64, each at least 1</param>
    /// <returns>the output [batch, srcLen, 2·hidden] and the final states h and c, [layers·2, batch, hidden]
    /// each</returns>
    public static (Tensor Output, Tensor Hidden, Tensor Cell) Forward(LSTM lstm, Tensor input, Tensor lengths)
    {
        var parameters = lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        long[] lengthOf = lengths.cpu().data<long>().ToArray();
        if (lengthOf.Any(n => n < 1 || n > input.shape[1]))
            throw new ArgumentException($"Every length must be from 1 to {input.shape[1]}.", nameof(lengths));
        var finalHidden = new List<Tensor>();
        var finalCell = new List<Tensor>();
        var layerInput = input;
        for (int layer = 0; parameters.ContainsKey($"weight_ih_l{layer}"); layer++)
        {
            using var scope = NewDisposeScope();
            var directions = new[] { $"l{layer}", $"l{layer}_reverse" };
            var projected = InputProjection(layerInput, lengthOf, directions.Select(d => (
                (Tensor)parameters[$"weight_ih_{d}"],
                Bias(parameters.GetValueOrDefault($"bias_ih_{d}"), parameters.GetValueOrDefault($"bias_hh_{d}"))))
                .ToList());                                                    // [tokens, 2·4·hidden]
            long hidden = parameters[$"weight_hh_{directions[0]}"].shape[1];
            var output = zeros(input.shape[0], input.shape[1], 2 * hidden);    // [batch, srcLen, 2·hidden]
            for (int d = 0; d < 2; d++)
            {
                using var recurrent = new PanelProduct(parameters[$"weight_hh_{directions[d]}"], null);
                var (h, c) = Run(recurrent, projected, output, lengthOf, backward: d == 1);
                finalHidden.Add(h.MoveToOuterDisposeScope());
                finalCell.Add(c.MoveToOuterDisposeScope());
            }
            layerInput = output.MoveToOuterDisposeScope();
        }
        return (layerInput, stack(finalHidden), stack(finalCell));
    }

    private static Tensor? Bias(Tensor? input, Tensor? recurrent) =>
        input is null ? recurrent : recurrent is null ? input : input + recurrent;

    /// <summary>x W_ihᵀ + b for both directions at once, over the real tokens in batch order.</summary>
    /// <returns>[tokens, 2·4·hidden]: the forward direction's gates, then the backward's</returns>
    private static Tensor InputProjection(Tensor input, long[] lengthOf, List<(Tensor Weight, Tensor? Bias)> directions)
    {
        long sourceLength = input.shape[1];
        var positions = Enumerable.Range(0, lengthOf.Length)
            .SelectMany(b => Enumerable.Range(0, (int)lengthOf[b]).Select(t => b * sourceLength + t)).ToArray();
        var tokens = input.reshape(-1, input.shape[2]).index_select(0, tensor(positions));   // [tokens, in]
        var weight = cat(directions.Select(d => d.Weight).ToList(), 0);                   // [2·4·hidden, in]
        var bias = directions.All(d => d.Bias is not null)
            ? cat(directions.Select(d => d.Bias!).ToList(), 0)
            : null;
        using var product = new PanelProduct(weight, bias);
        return product.Apply(tokens);
    }

    /// <summary>One direction over all sentences, writing hₜ into its half of <paramref name="output"/>. The
    /// sentences are taken longest first, so that the ones still running at a step are the first rows of h and c,
    /// and only those pass through W_hh.</summary>
    /// <returns>the final h and c, [batch, hidden] each</returns>
    private static (Tensor Hidden, Tensor Cell) Run(PanelProduct recurrent, Tensor projected, Tensor output,
        long[] lengthOf, bool backward)
    {
        int batch = lengthOf.Length, hidden = (int)recurrent.Features;
        long sourceLength = output.shape[1], gateSize = 4L * hidden;
        int[] longestFirst = Enumerable.Range(0, batch).OrderByDescending(b => lengthOf[b]).ToArray();
        var h = zeros(batch, hidden);                                              // rows in longestFirst order
        var c = zeros(batch, hidden);
        float* hAt = TensorMemory.Start<float>(h), cAt = TensorMemory.Start<float>(c);
        float* outputAt = TensorMemory.Start<float>(output), projectedAt = TensorMemory.Start<float>(projected);
        long[] firstToken = new long[batch];
        for (int b = 1; b < batch; b++)
            firstToken[b] = firstToken[b - 1] + lengthOf[b - 1];
        int running = batch;
        for (long s = 0; s < lengthOf[longestFirst[0]]; s++)
        {
            while (lengthOf[longestFirst[running - 1]] <= s)
                running--;
            using var gates = recurrent.Apply(h.narrow(0, 0, running));             // [running, 4·hidden] h W_hhᵀ
            float* gatesAt = TensorMemory.Start<float>(gates);
            for (int row = 0; row < running; row++)
            {
                int b = longestFirst[row];
                long t = backward ? lengthOf[b] - 1 - s : s;
                float* inputGates = projectedAt + (firstToken[b] + t) * 2 * gateSize + (backward ? gateSize : 0);
                float* hRow = hAt + (long)row * hidden;
                LstmGates.Update(gatesAt + row * gateSize, inputGates, hRow, cAt + (long)row * hidden, hidden);
                new ReadOnlySpan<float>(hRow, hidden).CopyTo(new Span<float>(
                    outputAt + ((long)b * sourceLength + t) * 2 * hidden + (backward ? hidden : 0), hidden));
            }
        }
        var inBatchOrder = zeros(batch, ScalarType.Int64).index_copy_(0,
            tensor(longestFirst.Select(b => (long)b).ToArray()), arange(batch));     // row of each sentence
        return (h.index_select(0, inBatchOrder), c.index_select(0, inBatchOrder));
    }
}
