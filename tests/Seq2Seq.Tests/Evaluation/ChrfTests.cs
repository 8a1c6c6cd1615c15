using Seq2Seq.Data;
using Seq2Seq.Train.Evaluation;

namespace Seq2Seq.Tests.Evaluation;

/// <summary>
/// chrF vectors derived by hand (sacreBLEU 2.x defaults: character 1..6-grams, whitespace removed, β = 2):
/// P and R are the means of matches/hyp and matches/ref over the orders where both counts are positive, then
/// chrF = 100·5PR/(4P + R).
/// </summary>
public sealed class ChrfTests
{
    [Fact]
    public void SmallPair()
    {
        // "the cat" -> "thecat" (6 chars), "the cats" -> "thecats" (7 chars). The hypothesis is a prefix, so every
        // hypothesis n-gram matches (P_n = 1) and the reference has one n-gram more per order:
        // R = (6/7 + 5/6 + 4/5 + 3/4 + 2/3 + 1/2)/6 = (1851/420)/6 = 617/840.
        // chrF = 100·5R/(4 + R) = 100·3085/3977 = 77.57.
        ChrfResult chrf = Chrf.Corpus(["the cat"], ["the cats"]);

        Assert.Equal(100.0 * 3085 / 3977, chrf.Score, 10);
        Assert.Equal(1.0, chrf.Precision, 12);
        Assert.Equal(617.0 / 840, chrf.Recall, 12);
        Assert.Equal(new ChrfOrderStatistics(1, 6, 7, 6), chrf.Orders[0]);
        Assert.Equal(new ChrfOrderStatistics(6, 1, 2, 1), chrf.Orders[5]);
        Assert.Equal("chrF2 = 77.57", chrf.ToString());
    }

    [Fact]
    public void OrdersTheReferenceLacksAreNotEffective()
    {
        // hyp "abcdefg", ref "abc": the reference has no 4-, 5-, 6-grams, so those orders count no hypothesis
        // n-grams and are left out of the averages.
        // n=1: 3/7 and 3/3; n=2: 2/6 and 2/2; n=3: 1/5 and 1/1.
        // P = (3/7 + 1/3 + 1/5)/3 = 101/315, R = 1; chrF = 100·5P/(4P + 1) = 100·505/719 = 70.24.
        ChrfResult chrf = Chrf.Corpus(["abcdefg"], ["abc"]);

        Assert.Equal(100.0 * 505 / 719, chrf.Score, 10);
        Assert.Equal(new ChrfOrderStatistics(4, 0, 0, 0), chrf.Orders[3]);
    }

    [Fact]
    public void StatisticsAreSummedOverTheCorpusBeforeAveraging()
    {
        // The two pairs above. Summed: n=1 9/13 hyp, 9/10 ref; n=2 7/11, 7/8; n=3 5/9, 5/6; n=4 3/3, 3/4 (the second
        // pair adds no 4-grams because its reference has none); n=5 2/2, 2/3; n=6 1/1, 1/2.
        // P = (9/13 + 7/11 + 5/9 + 3)/6, R = (9/10 + 7/8 + 5/6 + 3/4 + 2/3 + 1/2)/6 = 4.525/6; chrF = 76.54, not the
        // mean of 77.57 and 70.24.
        ChrfResult chrf = Chrf.Corpus(["the cat", "abcdefg"], ["the cats", "abc"]);

        double p = (9.0 / 13 + 7.0 / 11 + 5.0 / 9 + 3) / 6, r = 4.525 / 6;
        Assert.Equal(100 * 5 * p * r / (4 * p + r), chrf.Score, 10);
        Assert.Equal(new ChrfOrderStatistics(4, 3, 4, 3), chrf.Orders[3]);
        Assert.Equal("chrF2 = 76.54", chrf.ToString());
    }

    [Fact]
    public void PerfectMatchIs100AndNoSharedCharacterIs0()
    {
        Assert.Equal(100.0, Chrf.Corpus(["le chat"], ["le chat"]).Score, 12);
        Assert.Equal(0.0, Chrf.Corpus(["xyz"], ["abc"]).Score);
    }

    [Fact]
    public void WhitespaceIsRemovedBeforeCounting()
    {
        Assert.Equal(100.0, Chrf.Corpus(["the  cat\t"], ["thecat"]).Score, 12);
    }

    [Fact]
    public void CountsCodePointsNotUtf16Units()
    {
        // U+1F600 is one code point (two UTF-16 units): one unigram, no bigram.
        ChrfResult chrf = Chrf.Corpus(["\U0001F600"], ["\U0001F600"]);

        Assert.Equal(new ChrfOrderStatistics(1, 1, 1, 1), chrf.Orders[0]);
        Assert.Equal(new ChrfOrderStatistics(2, 0, 0, 0), chrf.Orders[1]);
        Assert.Equal(100.0, chrf.Score, 12);
    }

    [Fact]
    public void SignatureNamesTheSettingsAndThisToolkit()
    {
        ChrfResult chrf = Chrf.Corpus(["the cat"], ["the cats"]);

        Assert.Matches(@"^nrefs:1\|case:mixed\|eff:yes\|nc:6\|nw:0\|space:no\|version:seq2seq-\d+\.\d+\.\d+$",
            chrf.Signature);
        Assert.Equal($"chrF2|{chrf.Signature} = 77.57", chrf.ToStringWithSignature());
    }

    [Fact]
    public void RejectsMismatchedCounts()
    {
        Assert.Throws<UserException>(() => Chrf.Corpus(["a"], ["a", "b"]));
    }
}
