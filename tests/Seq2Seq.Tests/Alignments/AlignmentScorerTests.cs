using Seq2Seq.Data;
using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class AlignmentScorerTests
{
    [Fact]
    public void SumsCountsOverSentencesBeforeDividing()
    {
        // Sentence 1: S = {0-0, 1-1}, P = S + {1-2}; A = {0-0, 1-2, 2-2}: |A| = 3, |S| = 2, |A∩S| = 1, |A∩P| = 2.
        // Sentence 2: S = {0-1}, P = S + {1-0};     A = {0-1, 1-0}:      |A| = 2, |S| = 1, |A∩S| = 1, |A∩P| = 2.
        // Summed: |A| = 5, |S| = 3, |A∩S| = 2, |A∩P| = 4.
        // precision = 4/5 = 80%, recall = 2/3 = 66.67%, AER = 1 − (2 + 4)/(5 + 3) = 25%.
        // (Averaging per sentence would give AER (40% + 0%)/2 = 20%.)
        GoldAlignment[] gold =
        [
            new([new(0, 0), new(1, 1), new(1, 2, Sure: false)]),
            new([new(0, 1), new(1, 0, Sure: false)]),
        ];
        AlignmentLink[][] predicted = [[new(0, 0), new(1, 2), new(2, 2)], [new(0, 1), new(1, 0)]];

        AlignmentScore score = AlignmentScorer.Score(predicted, gold);

        Assert.Equal(new AlignmentScore(Sentences: 2, Predicted: 5, Sure: 3, Possible: 5, PredictedSure: 2,
            PredictedPossible: 4), score);
        Assert.Equal(80.0, score.Precision, 12);
        Assert.Equal(200.0 / 3, score.Recall, 12);
        Assert.Equal(25.0, score.Aer, 12);
    }

    [Fact]
    public void PerfectPredictionOfTheSureLinksHasZeroAer()
    {
        // A = S: |A∩S| = |A∩P| = |A| = |S|, so AER = 1 − 2|S|/2|S| = 0 even though P has more links.
        GoldAlignment[] gold = [new([new(0, 0), new(1, 1), new(0, 1, Sure: false)])];

        AlignmentScore score = AlignmentScorer.Score([[new(0, 0), new(1, 1)]], gold);

        Assert.Equal(0.0, score.Aer, 12);
        Assert.Equal(100.0, score.Precision, 12);
        Assert.Equal(100.0, score.Recall, 12);
    }

    [Fact]
    public void PossibleOnlyHitsGivePrecisionButNoRecall()
    {
        // A = {0-1} ⊆ P \ S: precision 100%, recall 0%, AER = 1 − (0 + 1)/(1 + 1) = 50%.
        GoldAlignment[] gold = [new([new(0, 0), new(0, 1, Sure: false)])];

        AlignmentScore score = AlignmentScorer.Score([[new(0, 1)]], gold);

        Assert.Equal(100.0, score.Precision, 12);
        Assert.Equal(0.0, score.Recall, 12);
        Assert.Equal(50.0, score.Aer, 12);
    }

    [Fact]
    public void DuplicatePredictedLinksCountOnce()
    {
        GoldAlignment[] gold = [new([new(0, 0)])];

        AlignmentScore score = AlignmentScorer.Score([[new(0, 0), new(0, 0)]], gold);

        Assert.Equal(1, score.Predicted);
        Assert.Equal(0.0, score.Aer, 12);
    }

    [Fact]
    public void UndefinedRatiosAreNaN()
    {
        AlignmentScore score = AlignmentScorer.Score([[]], [GoldAlignment.Empty]);

        Assert.True(double.IsNaN(score.Precision));
        Assert.True(double.IsNaN(score.Recall));
        Assert.True(double.IsNaN(score.Aer));
    }

    [Fact]
    public void AgreementIsAerAgainstTheOtherWithSEqualsPAndIsSymmetric()
    {
        // A = {0-0, 1-1, 2-2}, B = {0-0, 1-2}: |A∩B| = 1 -> AER = 1 − 2·1/(3 + 2) = 60% both ways;
        // precision of A against B = 1/3, recall = 1/2 (swapped the other way).
        AlignmentLink[][] a = [[new(0, 0), new(1, 1), new(2, 2)]];
        AlignmentLink[][] b = [[new(0, 0), new(1, 2)]];

        AlignmentScore ab = AlignmentScorer.Agreement(a, b);
        AlignmentScore ba = AlignmentScorer.Agreement(b, a);

        Assert.Equal(60.0, ab.Aer, 12);
        Assert.Equal(60.0, ba.Aer, 12);
        Assert.Equal(100.0 / 3, ab.Precision, 12);
        Assert.Equal(50.0, ab.Recall, 12);
        Assert.Equal(ab.Precision, ba.Recall, 12);
    }

    [Fact]
    public void DifferentSentenceCountsAreAUserError()
    {
        var error = Assert.Throws<UserException>(() =>
            AlignmentScorer.Score([[], []], [GoldAlignment.Empty]));
        Assert.Equal("2 predicted alignments but 1 gold alignments: expected one per sentence pair", error.Message);
    }
}
