using System.Runtime.InteropServices;
using System.Text;

namespace Seq2Seq.Data;

/// <summary>
/// Learns byte-level BPE merges (Sennrich, Haddow and Birch 2016, "Neural Machine Translation of Rare Words with
/// Subword Units", §3.2; byte-level symbols as in GPT-2, Radford et al. 2019). Words are the pre-tokens of
/// <see cref="SubwordTokenizer.PreTokenizer"/> and are counted over the training sentences only; each word starts as
/// its UTF-8 bytes, and each step merges the most frequent adjacent pair of symbols.
/// <para>
/// Counts are updated incrementally: an index from each pair to the words that contain it limits a merge to the
/// words it changes, and a max-heap with lazy deletion finds the next best pair (an entry whose count went stale is
/// re-queued with its current count). Ties go to the pair whose left, then right, symbol is smaller (ordinal), so
/// the result depends only on the word counts. Learning stops after the requested number of merges or when no pair
/// occurs at least <c>minPairFrequency</c> times.
/// </para>
/// </summary>
public static class BpeLearner
{
    public static BpeModel Learn(IEnumerable<string> sentences, int merges, int minPairFrequency = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(merges);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPairFrequency, 1);
        var words = CountWords(sentences);
        return new Learner(words).Run(merges, minPairFrequency);
    }

    /// <summary>The number of times each pre-token occurs in the (normalised) sentences.</summary>
    private static Dictionary<string, long> CountWords(IEnumerable<string> sentences)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (string sentence in sentences)
        {
            string text = TextNormalizer.Normalize(sentence);
            foreach (var (offset, length) in SubwordTokenizer.PreTokenizer.PreTokenize(text))
            {
                var word = text.AsSpan(offset, length);
                lookup[word] = lookup.TryGetValue(word, out long count) ? count + 1 : 1;
            }
        }
        return counts;
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private static int Left(long pair) => (int)(pair >> 32);

    private static int Right(long pair) => (int)pair;

    /// <summary>The state of one learning run.</summary>
    private sealed class Learner
    {
        private readonly int[][] _words;                                // word → its symbol ids
        private readonly long[] _frequencies;                           // word → occurrences
        private readonly int[] _lastVisit;                              // word → the last merge step that visited it
        private readonly List<string> _symbols = [];                    // symbol id → string
        private readonly Dictionary<string, int> _symbolIds = new(StringComparer.Ordinal);
        private readonly Dictionary<long, long> _pairCounts = [];       // pair → occurrences
        private readonly Dictionary<long, List<int>> _pairWords = [];   // pair → the words that contain (or contained) it
        private readonly PriorityQueue<long, (long Count, long Pair)> _queue;

        public Learner(Dictionary<string, long> wordCounts)
        {
            for (int b = 0; b < 256; b++)
                AddSymbol(ByteLevelAlphabet.Symbol((byte)b).ToString());

            _words = new int[wordCounts.Count][];
            _frequencies = new long[wordCounts.Count];
            _lastVisit = new int[wordCounts.Count];
            int w = 0;
            foreach (var (word, count) in wordCounts)
            {
                _words[w] = [.. Encoding.UTF8.GetBytes(word).Select(b => (int)b)];
                _frequencies[w] = count;
                w++;
            }
            _queue = new PriorityQueue<long, (long Count, long Pair)>(new CandidateOrder(_symbols));
        }

        public BpeModel Run(int merges, int minPairFrequency)
        {
            for (int w = 0; w < _words.Length; w++)
            {
                int[] word = _words[w];
                for (int i = 0; i + 1 < word.Length; i++)
                {
                    long pair = Key(word[i], word[i + 1]);
                    AddCount(pair, _frequencies[w]);
                    Index(pair, w);
                }
            }
            foreach (var (pair, count) in _pairCounts)
                _queue.Enqueue(pair, (count, pair));

            var learned = new List<(string Left, string Right)>(merges);
            var done = new HashSet<long>();
            while (learned.Count < merges && _queue.TryDequeue(out long pair, out var queued))
            {
                long count = _pairCounts.GetValueOrDefault(pair);
                if (count != queued.Count)
                {
                    if (count > 0)
                        _queue.Enqueue(pair, (count, pair));
                    continue;
                }
                if (count < minPairFrequency)
                    break;
                if (!done.Add(pair))
                    continue;
                learned.Add((_symbols[Left(pair)], _symbols[Right(pair)]));
                Merge(pair, step: learned.Count);
            }
            return new BpeModel(learned, [.. _symbols]);
        }

        /// <summary>Replaces the pair by its merge in every word that has it, updating the pair counts.</summary>
        private void Merge(long pair, int step)
        {
            int left = Left(pair), right = Right(pair);
            int merged = AddSymbol(_symbols[left] + _symbols[right]);
            var grown = new HashSet<long>();
            foreach (int w in _pairWords[pair])
            {
                if (_lastVisit[w] == step)
                    continue;
                _lastVisit[w] = step;
                int[] old = _words[w];
                if (Replace(old, left, right, merged) is not { } updated)
                    continue;

                long frequency = _frequencies[w];
                for (int i = 0; i + 1 < old.Length; i++)
                    AddCount(Key(old[i], old[i + 1]), -frequency);
                for (int i = 0; i + 1 < updated.Length; i++)
                {
                    long key = Key(updated[i], updated[i + 1]);
                    AddCount(key, frequency);
                    if (updated[i] == merged || updated[i + 1] == merged)
                    {
                        Index(key, w);
                        grown.Add(key);
                    }
                }
                _words[w] = updated;
            }
            _pairWords.Remove(pair);
            _pairCounts.Remove(pair);
            foreach (long key in grown)
            {
                long count = _pairCounts[key];
                if (count > 0)
                    _queue.Enqueue(key, (count, key));
            }
        }

        /// <summary>The word with every non-overlapping (left, right), scanned left to right, replaced by merged;
        /// null if the word has no such pair.</summary>
        private static int[]? Replace(int[] word, int left, int right, int merged)
        {
            List<int>? result = null;
            for (int i = 0; i < word.Length; i++)
            {
                if (i + 1 < word.Length && word[i] == left && word[i + 1] == right)
                {
                    result ??= [.. word.AsSpan(0, i)];
                    result.Add(merged);
                    i++;
                }
                else
                {
                    result?.Add(word[i]);
                }
            }
            return result?.ToArray();
        }

        private int AddSymbol(string symbol)
        {
            if (_symbolIds.TryGetValue(symbol, out int id))
                return id;
            id = _symbols.Count;
            _symbols.Add(symbol);
            _symbolIds.Add(symbol, id);
            return id;
        }

        private void AddCount(long pair, long delta)
        {
            ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairCounts, pair, out _);
            count += delta;
        }

        private void Index(long pair, int word)
        {
            if (!_pairWords.TryGetValue(pair, out var words))
                _pairWords.Add(pair, words = []);
            if (words.Count == 0 || words[^1] != word)
                words.Add(word);
        }
    }

    /// <summary>Higher count first; ties by left symbol, then right symbol, ordinal.</summary>
    private sealed class CandidateOrder(List<string> symbols) : IComparer<(long Count, long Pair)>
    {
        public int Compare((long Count, long Pair) x, (long Count, long Pair) y)
        {
            if (x.Count != y.Count)
                return y.Count.CompareTo(x.Count);
            int byLeft = string.CompareOrdinal(symbols[Left(x.Pair)], symbols[Left(y.Pair)]);
            return byLeft != 0 ? byLeft : string.CompareOrdinal(symbols[Right(x.Pair)], symbols[Right(y.Pair)]);
        }
    }
}
