namespace Seq2Seq.Data;

/// <summary>
/// Cuts sentences into chunks for evaluation and translation: ordered by length, so that a chunk pads little, and cut
/// both at a number of sentences and at a padded size (sentences × the longest), so that one very long sentence
/// does not make the sentences beside it as long.
/// </summary>
public static class LengthSortedChunks
{
    /// <summary>The padded size a chunk may reach: 64 sentences of 64 tokens.</summary>
    public const int MaxPaddedTokens = 64 * 64;

    /// <param name="lengths">each sentence's length</param>
    /// <param name="maxSentences">the most sentences in a chunk</param>
    /// <param name="maxPaddedTokens">the most sentences × longest length in a chunk (a longer sentence goes alone)</param>
    /// <returns>the sentence indices of each chunk, every index once, shortest sentences first</returns>
    public static IEnumerable<int[]> Of(IReadOnlyList<int> lengths, int maxSentences,
        int maxPaddedTokens = MaxPaddedTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSentences);
        var chunk = new List<int>();
        foreach (int sentence in Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]))
        {
            // Ascending order: the sentence about to join is the chunk's longest.
            if (chunk.Count == maxSentences || (chunk.Count > 0 && (long)(chunk.Count + 1) * lengths[sentence] > maxPaddedTokens))
            {
                yield return [.. chunk];
                chunk.Clear();
            }
            chunk.Add(sentence);
        }
        if (chunk.Count > 0)
            yield return [.. chunk];
    }
}
