using Seq2Seq.Decoding;
using Seq2Seq.Tests.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

public sealed class SentenceParallelismTests
{
    private static void WithTwoThreads(Action test) => TestSetup.WithThreads(2, test);

    /// <summary>Seven sentences of different lengths (the longest in the first share): greedy and beam search give
    /// the whole batch's hypotheses when the RNN's batch is shared between two threads.</summary>
    [Fact]
    public void SharedBatchesGiveTheWholeBatchsHypotheses() => WithTwoThreads(() =>
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var model = TinyModels.Create("rnn", 24, dropout: 0);
        model.eval();
        Assert.True(model.DecodesSentencesInParallel);
        var sources = TinyData.Sequences(new Random(8), 7, 24, 1, 9);
        sources[0] = [.. Enumerable.Range(4, 12)];
        var (source, lengths) = TinyData.Source(sources);
        var shared = new DecodingOptions { MaxLengthRatio = 2 };
        var whole = shared with { ParallelSentences = false };

        var pairs = new[]
        {
            (GreedySearch.Decode(model, source, lengths, shared), GreedySearch.Decode(model, source, lengths, whole)),
            (BeamSearch.Decode(model, source, lengths, 3, shared).Select(n => n[0]).ToList(),
                BeamSearch.Decode(model, source, lengths, 3, whole).Select(n => n[0]).ToList()),
        };

        foreach (var (parallel, together) in pairs)
        {
            Assert.Equal(together.Count, parallel.Count);
            for (int b = 0; b < together.Count; b++)
            {
                Assert.Equal(together[b].Tokens, parallel[b].Tokens);
                Assert.Equal(together[b].LogProbability, parallel[b].LogProbability, 1e-4);
            }
        }
        Assert.Equal(2, get_num_threads());
    });

    /// <summary>Thread i gets every i-th sentence, trimmed to its own longest source, runs on one LibTorch thread,
    /// and the results come back in batch order.</summary>
    [Fact]
    public void EachThreadTakesEveryNthSentenceTrimmedToItsLongest() => WithTwoThreads(() =>
    {
        using var scope = NewDisposeScope();
        var source = arange(5 * 6).view(5, 6);
        var lengths = tensor(new long[] { 6, 2, 3, 4, 1 });
        var seen = new System.Collections.Concurrent.ConcurrentBag<(long First, long Width, int Threads)>();

        var results = SentenceParallelism.Run(source, lengths, 2, (part, partLengths) =>
        {
            seen.Add((part[0, 0].item<long>(), part.shape[1], get_num_threads()));
            return part[.., 0].data<long>().ToArray().Zip(partLengths.data<long>().ToArray()).ToList();
        });

        Assert.Equal([(0L, 6L), (6, 2), (12, 3), (18, 4), (24, 1)], results);
        Assert.Equal([(0L, 6L, 1), (6, 4, 1)], seen.OrderBy(s => s.First));
        Assert.Equal(2, get_num_threads());
    });

    /// <summary>An error in one share reaches the caller, and the caller's thread setting is restored.</summary>
    [Fact]
    public void AnErrorInOneShareReachesTheCaller() => WithTwoThreads(() =>
    {
        using var scope = NewDisposeScope();
        var source = arange(4 * 3).view(4, 3);
        var lengths = full(4, 3L);

        var error = Assert.Throws<InvalidOperationException>(() => SentenceParallelism.Run<int>(source, lengths, 2,
            (part, _) => part[0, 0].item<long>() == 0 ? throw new InvalidOperationException("share failed") : [0, 0]));

        Assert.Equal("share failed", error.Message);
        Assert.Equal(2, get_num_threads());
    });

    /// <summary>A batch is split only with more than one thread, more than one sentence, a model that decodes faster
    /// so, and options that allow it.</summary>
    [Fact]
    public void OnlyTheRnnWithThreadsAndSentencesToShareIsSplit()
    {
        using var scope = NewDisposeScope();
        using var rnn = TinyModels.Create("rnn", 24, dropout: 0);
        using var transformer = TinyModels.Create("transformer", 24, dropout: 0);
        var options = new DecodingOptions();
        Assert.Equal(1, SentenceParallelism.Parts(rnn, zeros(8, 3), options));
        WithTwoThreads(() =>
        {
            Assert.Equal(2, SentenceParallelism.Parts(rnn, zeros(8, 3), options));
            Assert.Equal(1, SentenceParallelism.Parts(rnn, zeros(1, 3), options));
            Assert.Equal(1, SentenceParallelism.Parts(transformer, zeros(8, 3), options));
            Assert.Equal(1, SentenceParallelism.Parts(rnn, zeros(8, 3), options with { ParallelSentences = false }));
        });
    }
}
