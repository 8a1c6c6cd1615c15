using Seq2Seq.Data;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Benchmark;

/// <summary>
/// The synthetic workload of the CPU benchmark specification (SPEC §1): a pool of 50 batches of 64 random sentence
/// pairs, lengths uniform in [10, 30], ids uniform in [4, 8000), all drawn from SplitMix64(seed) in a fixed order.
/// </summary>
public sealed class BenchmarkWorkload : IDisposable
{
    public const int Vocabulary = 8000;
    public const int BatchSize = 64;
    public const int PoolSize = 50;
    private const int MinLength = 10, LengthRange = 21, FirstId = 4;

    private BenchmarkWorkload(IReadOnlyList<Batch> batches, IReadOnlyList<(int Source, int Target)> lengths,
        IReadOnlyList<ulong> firstDraws)
    {
        Batches = batches;
        SentenceLengths = lengths;
        FirstDraws = firstDraws;
    }

    public IReadOnlyList<Batch> Batches { get; }

    /// <summary>Per sentence of the pool: source length with &lt;/s&gt;, predicted target tokens (with &lt;/s&gt;).</summary>
    public IReadOnlyList<(int Source, int Target)> SentenceLengths { get; }

    /// <summary>The generator's first three outputs (a check value of the specification).</summary>
    public IReadOnlyList<ulong> FirstDraws { get; }

    public static BenchmarkWorkload Create(ulong seed)
    {
        var random = new SplitMix64(seed);
        var probe = new SplitMix64(seed);
        ulong[] firstDraws = [probe.Next(), probe.Next(), probe.Next()];
        var batches = new List<Batch>();
        var lengths = new List<(int, int)>();
        for (int b = 0; b < PoolSize; b++)
        {
            var sources = new int[BatchSize][];
            var targets = new int[BatchSize][];
            for (int s = 0; s < BatchSize; s++)
            {
                int sourceLength = MinLength + random.Below(LengthRange);
                int targetLength = MinLength + random.Below(LengthRange);
                sources[s] = Draw(random, sourceLength);
                targets[s] = Draw(random, targetLength);
                lengths.Add((sourceLength + 1, targetLength + 1));
            }
            batches.Add(ToBatch(sources, targets, b));
        }
        return new BenchmarkWorkload(batches, lengths, firstDraws);
    }

    /// <summary>The `data` check values of SPEC §8.</summary>
    public Dictionary<string, long> Summary() => new()
    {
        ["batches"] = Batches.Count,
        ["src_tokens"] = SentenceLengths.Sum(l => (long)l.Source),
        ["tgt_tokens"] = SentenceLengths.Sum(l => (long)l.Target),
        ["src_id_sum"] = Batches.Sum(b => b.Source.sum().item<long>()),
        ["tgt_id_sum"] = Batches.Sum(b => b.TargetOut.sum().item<long>()),
    };

    public void Dispose()
    {
        foreach (var batch in Batches)
            batch.Dispose();
    }

    private static int[] Draw(SplitMix64 random, int length) =>
        Enumerable.Range(0, length).Select(_ => FirstId + random.Below(Vocabulary - FirstId)).ToArray();

    private static Batch ToBatch(int[][] sources, int[][] targets, int index)
    {
        int sourceWidth = sources.Max(s => s.Length) + 1, targetWidth = targets.Max(t => t.Length) + 1;
        var source = new long[BatchSize, sourceWidth];
        var targetIn = new long[BatchSize, targetWidth];
        var targetOut = new long[BatchSize, targetWidth];
        for (int s = 0; s < BatchSize; s++)
        {
            for (int i = 0; i < sources[s].Length; i++)
                source[s, i] = sources[s][i];
            source[s, sources[s].Length] = SpecialTokens.Eos;
            targetIn[s, 0] = SpecialTokens.Bos;
            for (int i = 0; i < targets[s].Length; i++)
            {
                targetIn[s, i + 1] = targets[s][i];
                targetOut[s, i] = targets[s][i];
            }
            targetOut[s, targets[s].Length] = SpecialTokens.Eos;
        }
        var sourceTensor = tensor(source).DetachFromDisposeScope();
        return new Batch
        {
            Source = sourceTensor,
            SourceLengths = tensor(sources.Select(s => (long)s.Length + 1).ToArray()).DetachFromDisposeScope(),
            SourceMask = sourceTensor.ne(SpecialTokens.Pad).DetachFromDisposeScope(),
            TargetIn = tensor(targetIn).DetachFromDisposeScope(),
            TargetOut = tensor(targetOut).DetachFromDisposeScope(),
            PairIndices = Enumerable.Range(index * BatchSize, BatchSize).ToArray(),
            TargetTokens = targets.Sum(t => t.Length + 1),
        };
    }
}
