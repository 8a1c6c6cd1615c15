using Seq2Seq.Data;
using Seq2Seq.Train.Evaluation;

namespace Seq2Seq.Tests.Evaluation;

/// <summary>
/// Corpus BLEU vectors derived by hand from the definitions (sacreBLEU 2.x defaults: 13a, exp smoothing, BP,
/// 4-grams). m_n/t_n = clipped matches / hypothesis n-grams summed over the corpus; BLEU = BP·(Π p_n)^(1/4).
/// </summary>
public sealed class BleuTests
{
    [Fact]
    public void PerfectMatchScores100()
    {
        // 6 tokens, every n-gram matches: p = 6/6, 5/5, 4/4, 3/3 = 100 each; c = r = 6 so BP = 1; BLEU = 100.
        BleuResult bleu = Bleu.Corpus(["the cat sat on the mat"], ["the cat sat on the mat"]);

        Assert.Equal(100.0, bleu.Score, 12);
        Assert.Equal("BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)",
            bleu.ToString());
    }

    [Fact]
    public void NoMatchAtAllScoresZeroWithZeroPrecisions()
    {
        // No unigram matches, so no n-gram matches: sacreBLEU returns 0 with all precisions 0 before smoothing
        // (sacreBLEU issue #141). Smoothing all four orders would instead give (12.5·8.33·6.25·6.25)^(1/4) = 7.99,
        // which is what a reference script without that early stop prints.
        BleuResult bleu = Bleu.Corpus(["a b c d"], ["w x y z"]);

        Assert.Equal(0.0, bleu.Score);
        Assert.Equal([0, 0, 0, 0], bleu.Matches);
        Assert.Equal([4, 3, 2, 1], bleu.Totals);
        Assert.Equal("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 1.000 ratio = 1.000 hyp_len = 4 ref_len = 4)", bleu.ToString());
    }

    [Fact]
    public void CorpusShorterThanFourTokensScoresZeroWithoutEffectiveOrder()
    {
        // "the cat" = "the cat": p1 = p2 = 100, but t3 = t4 = 0, so p3 = p4 stay 0 and log 0 makes BLEU 0.
        BleuResult bleu = Bleu.Corpus(["the cat"], ["the cat"]);

        Assert.Equal(0.0, bleu.Score);
        Assert.Equal([100.0, 100.0, 0.0, 0.0], bleu.Precisions);
    }

    [Fact]
    public void ExpSmoothingReplacesAZeroFourGramPrecision()
    {
        // hyp: the cat sat on the mat      ref: the cat was on the mat
        // 1-grams: the×2 cat on mat match, sat not: 5/6.   2-grams: "the cat" "on the" "the mat": 3/5.
        // 3-grams: "on the mat": 1/4.                       4-grams: 0/3 -> k = 1: p4 = 100/(2·3) = 16.67.
        // BLEU = 100·(5/6 · 3/5 · 1/4 · 1/6)^(1/4) = 100·(1/48)^(1/4) = 37.99.
        BleuResult bleu = Bleu.Corpus(["the cat sat on the mat"], ["the cat was on the mat"]);

        Assert.Equal(100 * Math.Pow(1.0 / 48, 0.25), bleu.Score, 10);
        Assert.Equal([5, 3, 1, 0], bleu.Matches);
        Assert.Equal([6, 5, 4, 3], bleu.Totals);
        Assert.Equal(100.0 / 6, bleu.Precisions[3], 12);
        Assert.Equal("BLEU = 37.99 83.3/60.0/25.0/16.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)",
            bleu.ToString());
    }

    [Fact]
    public void ExpSmoothingDoublesForEachFurtherZeroOrder()
    {
        // hyp: we like green tea now      ref: we like black tea now
        // 1-grams 4/5; 2-grams "we like" "tea now": 2/4; 3-grams 0/3 -> k = 1: 100/(2·3) = 16.67;
        // 4-grams 0/2 -> k = 2: 100/(4·2) = 12.5.  BLEU = 100·(4/5 · 2/4 · 1/6 · 1/8)^(1/4) = 100·(1/120)^(1/4) = 30.21.
        BleuResult bleu = Bleu.Corpus(["we like green tea now"], ["we like black tea now"]);

        Assert.Equal(100 * Math.Pow(1.0 / 120, 0.25), bleu.Score, 10);
        Assert.Equal(12.5, bleu.Precisions[3], 12);
        Assert.Equal("BLEU = 30.21 80.0/50.0/16.7/12.5 (BP = 1.000 ratio = 1.000 hyp_len = 5 ref_len = 5)",
            bleu.ToString());
    }

    [Fact]
    public void BrevityPenaltyForAShortHypothesis()
    {
        // hyp: the cat sat on the (c = 5), a prefix of ref: the cat sat on the mat (r = 6): every n-gram matches
        // (5/5 4/4 3/3 2/2), BP = e^(1 − 6/5) = e^−0.2 = 0.8187, BLEU = 81.87, ratio = 5/6.
        BleuResult bleu = Bleu.Corpus(["the cat sat on the"], ["the cat sat on the mat"]);

        Assert.Equal(Math.Exp(-0.2), bleu.BrevityPenalty, 12);
        Assert.Equal(100 * Math.Exp(-0.2), bleu.Score, 10);
        Assert.Equal(5.0 / 6, bleu.Ratio, 12);
        Assert.Equal("BLEU = 81.87 100.0/100.0/100.0/100.0 (BP = 0.819 ratio = 0.833 hyp_len = 5 ref_len = 6)",
            bleu.ToString());
    }

    [Fact]
    public void EmptyHypothesisCorpusScoresZeroWithZeroBrevityPenalty()
    {
        // c = 0: BP = 0 by definition (sacreBLEU), no n-grams, BLEU = 0.
        BleuResult bleu = Bleu.Corpus([""], ["the cat"]);

        Assert.Equal(0.0, bleu.Score);
        Assert.Equal("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 0.000 ratio = 0.000 hyp_len = 0 ref_len = 2)", bleu.ToString());
    }

    [Fact]
    public void ClipsPerSentenceAndSumsOverTheCorpus()
    {
        // S1 hyp "the the the the" vs ref "the cat is here": 'the' clipped to 1 -> 1/4; 2-, 3-, 4-grams 0/3 0/2 0/1.
        // S2 hyp = ref = "a b c d": 4/4 3/3 2/2 1/1.
        // Corpus: m = 5 3 2 1, t = 8 6 4 2 -> p = 62.5 50 50 50 (no order is 0, no smoothing).
        // BLEU = 100·(0.625 · 0.5³)^(1/4) = 100·(5/64)^(1/4) = 52.87 (S1 alone would score far lower).
        BleuResult bleu = Bleu.Corpus(["the the the the", "a b c d"], ["the cat is here", "a b c d"]);

        Assert.Equal([5, 3, 2, 1], bleu.Matches);
        Assert.Equal([8, 6, 4, 2], bleu.Totals);
        Assert.Equal(100 * Math.Pow(5.0 / 64, 0.25), bleu.Score, 10);
        Assert.Equal("BLEU = 52.87 62.5/50.0/50.0/50.0 (BP = 1.000 ratio = 1.000 hyp_len = 8 ref_len = 8)",
            bleu.ToString());
    }

    [Fact]
    public void Tokenizes13aBeforeCountingSoPunctuationIsItsOwnToken()
    {
        // hyp "Hello, world!" -> Hello , world ! (c = 4); ref "Hello world!" -> Hello world ! (r = 3).
        // 1-grams Hello world ! match: 3/4.  2-grams "Hello ," ", world" "world !": 1/3.
        // 3-grams 0/2 -> k = 1: 100/(2·2) = 25.  4-grams 0/1 -> k = 2: 100/(4·1) = 25.
        // BLEU = 100·(3/4 · 1/3 · 1/4 · 1/4)^(1/4) = 100·(1/64)^(1/4) = 35.36; c > r so BP = 1.
        // (Split on spaces only, "Hello," would not match "Hello" and 'world!' would be one token.)
        BleuResult bleu = Bleu.Corpus(["Hello, world!"], ["Hello world!"]);

        Assert.Equal(100 * Math.Pow(1.0 / 64, 0.25), bleu.Score, 10);
        Assert.Equal("BLEU = 35.36 75.0/33.3/25.0/25.0 (BP = 1.000 ratio = 1.333 hyp_len = 4 ref_len = 3)",
            bleu.ToString());
    }

    [Fact]
    public void TrailingWhitespaceIsIgnored()
    {
        BleuResult bleu = Bleu.Corpus(["the cat sat on the mat \t "], ["the cat sat on the mat\n"]);

        Assert.Equal(100.0, bleu.Score, 12);
    }

    [Fact]
    public void SignatureNamesTheSettingsAndThisToolkit()
    {
        BleuResult bleu = Bleu.Corpus(["the cat sat on the mat"], ["the cat sat on the mat"]);

        Assert.Matches(@"^nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:seq2seq-\d+\.\d+\.\d+$",
            bleu.Signature);
        Assert.Equal($"BLEU|{bleu.Signature} = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)",
            bleu.ToStringWithSignature());
    }

    [Fact]
    public void RejectsMismatchedCountsAndEmptyReferences()
    {
        var counts = Assert.Throws<UserException>(() => Bleu.Corpus(["a", "b"], ["a"]));
        Assert.Equal("2 hypotheses but 1 references: expected one reference per hypothesis", counts.Message);

        var empty = Assert.Throws<UserException>(() => Bleu.Corpus(["a", "b"], ["a", ""]));
        Assert.Equal("reference line 2 is empty: expected a non-empty reference sentence", empty.Message);

        Assert.Throws<UserException>(() => Bleu.Corpus([], []));
    }
}
