using System.Runtime.ExceptionServices;
using Seq2Seq.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>
/// Runs a search over a batch as several smaller searches side by side, one per LibTorch thread: thread i takes every
/// n-th sentence (so that a batch sorted by length is shared evenly), trimmed to the longest of them, and decodes it
/// with a single intra-op thread. A decoding step is a few dozen operations with one row per sentence or hypothesis,
/// each too small to be split well over threads: LibTorch's BLAS spreads a product with few rows and thousands of
/// columns poorly, and every operation waits for all threads at its end. Split by sentences, no thread ever waits
/// for another until the search ends. Every sentence is decoded exactly as it is in the whole batch (a search treats
/// each row on its own), so the hypotheses are the same up to float rounding.
/// </summary>
public static class SentenceParallelism
{
    /// <summary>How many searches a batch of <paramref name="source"/> is split into: one per LibTorch thread of the
    /// calling thread, at most one per sentence, when the options allow it and the model decodes faster so; else 1
    /// (and always on a GPU).</summary>
    /// <param name="source">[batch, srcLen]</param>
    public static int Parts(Seq2SeqModel model, Tensor source, DecodingOptions options) =>
        options.ParallelSentences && model.DecodesSentencesInParallel && source.device_type == DeviceType.CPU
            ? (int)Math.Min(get_num_threads(), source.shape[0])
            : 1;

    /// <param name="source">[batch, srcLen] int64</param>
    /// <param name="sourceLengths">[batch] int64</param>
    /// <param name="parts">how many searches run at once, from 2 to the number of sentences</param>
    /// <param name="search">decodes a [part, partLen] source with its [part] lengths, one result per sentence</param>
    /// <returns>the results of every sentence, in batch order</returns>
    public static IReadOnlyList<T> Run<T>(Tensor source, Tensor sourceLengths, int parts,
        Func<Tensor, Tensor, IReadOnlyList<T>> search)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 2);
        long[] lengths = sourceLengths.cpu().data<long>().ToArray();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, lengths.Length);
        var results = new T[lengths.Length];
        var errors = new Exception?[parts];
        int callerThreads = get_num_threads();
        // Setting LibTorch's thread count touches process-wide state (and a thread's first query sets it again), so
        // every thread sets it before any thread decodes.
        using var ready = new Barrier(parts);
        void RunPart(int part)
        {
            try
            {
                set_num_threads(1);
                get_num_threads();
            }
            finally
            {
                ready.SignalAndWait();
            }
            try
            {
                Decode(source, sourceLengths, lengths, part, parts, search, results);
            }
            catch (Exception e)
            {
                errors[part] = e;
            }
        }
        // The calling thread decodes the first share: its C heap is the one that training has already grown.
        var workers = Enumerable.Range(1, parts - 1)
            .Select(part => new Thread(() => RunPart(part)) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        RunPart(0);
        workers.ForEach(w => w.Join());
        set_num_threads(callerThreads);
        if (errors.FirstOrDefault(e => e is not null) is { } error)
            ExceptionDispatchInfo.Throw(error);
        return results;
    }

    private static void Decode<T>(Tensor source, Tensor sourceLengths, long[] lengths, int part, int parts,
        Func<Tensor, Tensor, IReadOnlyList<T>> search, T[] results)
    {
        using var scope = NewDisposeScope();
        long[] rows = Enumerable.Range(0, lengths.Length).Where(i => i % parts == part).Select(i => (long)i).ToArray();
        long width = rows.Max(r => lengths[r]);
        var index = tensor(rows, device: source.device);
        var partSource = source.index_select(0, index).narrow(1, 0, width).contiguous();   // [part, partLen]
        var found = search(partSource, sourceLengths.index_select(0, index));
        for (int i = 0; i < rows.Length; i++)
            results[rows[i]] = found[i];
    }
}
