using System.Runtime.InteropServices;

namespace Seq2Seq.Data;

/// <summary>
/// Cuts a corpus into batches of similar-length pairs, differently but reproducibly each epoch (bucketing as in
/// fairseq and torchtext's BucketIterator). For epoch e: sort the pairs by length (longest side, then source, then
/// target length), breaking ties with random keys drawn from a generator seeded by (seed, e); cut the sorted list
/// into batches; shuffle the batch order with that generator. Every pair is in exactly one batch per epoch.
/// <para>
/// With a token budget, a batch grows while <c>rows × max(srcLen + 1, tgtLen + 1)</c> stays within the budget
/// (<see cref="PaddedTokens"/>). A single pair larger than the whole budget cannot be split: it forms a batch alone,
/// the only kind of batch that exceeds the budget.
/// </para>
/// </summary>
public sealed class BatchSampler
{
    private readonly int[] _sourceLengths;
    private readonly int[] _targetLengths;
    private readonly BatchSize _size;
    private readonly int _seed;

    /// <param name="sourceLengths">the length in pieces of each pair's source, without special tokens</param>
    /// <param name="targetLengths">the length in pieces of each pair's target, without special tokens</param>
    /// <param name="size">the batch size in pairs or in padded tokens</param>
    /// <param name="seed">the seed that, with the epoch, fixes the batches</param>
    public BatchSampler(IReadOnlyList<int> sourceLengths, IReadOnlyList<int> targetLengths, BatchSize size, int seed)
    {
        if (sourceLengths.Count != targetLengths.Count)
            throw new ArgumentException($"{sourceLengths.Count} source lengths but {targetLengths.Count} target lengths");
        _sourceLengths = [.. sourceLengths];
        _targetLengths = [.. targetLengths];
        _size = size;
        _seed = seed;
    }

    public int Pairs => _sourceLengths.Length;

    /// <summary>The batches of one epoch, in the order to train on them, each an array of pair indices.</summary>
    public IReadOnlyList<int[]> Batches(int epoch)
    {
        var random = new Random(EpochSeed(_seed, epoch));
        int[] order = [.. Enumerable.Range(0, Pairs)];
        int[] tieBreak = [.. order.Select(_ => random.Next())];
        Array.Sort(order, (a, b) =>
        {
            int byLongest = Longest(a).CompareTo(Longest(b));
            if (byLongest != 0)
                return byLongest;
            int bySource = _sourceLengths[a].CompareTo(_sourceLengths[b]);
            if (bySource != 0)
                return bySource;
            int byTarget = _targetLengths[a].CompareTo(_targetLengths[b]);
            if (byTarget != 0)
                return byTarget;
            int byKey = tieBreak[a].CompareTo(tieBreak[b]);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });

        var batches = _size.InTokens ? CutByTokens(order) : CutBySentences(order);
        random.Shuffle(CollectionsMarshal.AsSpan(batches));
        return batches;
    }

    /// <summary>The padded size of a batch: rows × max(srcLen + 1, tgtLen + 1) over its pairs.</summary>
    public long PaddedTokens(IReadOnlyCollection<int> batch) =>
        batch.Count == 0 ? 0 : (long)batch.Count * batch.Max(PaddedLength);

    private List<int[]> CutBySentences(int[] order) =>
        [.. order.Chunk(_size.Value)];

    private List<int[]> CutByTokens(int[] order)
    {
        var batches = new List<int[]>();
        var current = new List<int>();
        int width = 0;
        foreach (int pair in order)
        {
            int newWidth = Math.Max(width, PaddedLength(pair));
            if (current.Count > 0 && (long)(current.Count + 1) * newWidth > _size.Value)
            {
                batches.Add([.. current]);
                current.Clear();
                newWidth = PaddedLength(pair);
            }
            current.Add(pair);
            width = newWidth;
        }
        if (current.Count > 0)
            batches.Add([.. current]);
        return batches;
    }

    private int Longest(int pair) => Math.Max(_sourceLengths[pair], _targetLengths[pair]);

    /// <summary>A pair's padded length: its longer side plus one special token.</summary>
    private int PaddedLength(int pair) => Longest(pair) + 1;

    /// <summary>A generator seed that depends on both numbers (SplitMix64's finaliser; stable across runs, unlike
    /// <see cref="HashCode"/>).</summary>
    private static int EpochSeed(int seed, int epoch)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
