using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class SubwordMergerTests
{
    // Source pieces "new york@@ er </s>" = words new (0), yorker (1) and a special; target pieces
    // "le new@@ yorkais </s>" = words le (0), newyorkais (1) and a special.
    private static readonly float[,] Pieces =
    {
        // new   york@@  er    </s>
        { 0.6f, 0.1f, 0.1f, 0.2f },   // le
        { 0.1f, 0.5f, 0.3f, 0.1f },   // new@@
        { 0.1f, 0.3f, 0.5f, 0.1f },   // yorkais
        { 0.0f, 0.1f, 0.1f, 0.8f },   // </s>
    };

    private static readonly int[] SourceWords = [0, 1, 1, -1];
    private static readonly int[] TargetWords = [0, 1, 1, -1];

    [Fact]
    public void SumsSourcePiecesAndAveragesTargetPieces()
    {
        // Columns: new = piece 0; yorker = pieces 1 + 2; null = piece 3.
        // le:          [0.6, 0.1 + 0.1, 0.2] = [0.6, 0.2, 0.2]
        // newyorkais:  mean of [0.1, 0.8, 0.1] and [0.1, 0.8, 0.1] = [0.1, 0.8, 0.1]
        // The </s> row is dropped.
        float[,] words = SubwordMerger.Merge(Pieces, SourceWords, TargetWords, SourceSpecialPieces.NullColumn);

        AssertMatrix(new[,] { { 0.6f, 0.2f, 0.2f }, { 0.1f, 0.8f, 0.1f } }, words);
        // Rows still sum to 1: summing columns keeps the mass, averaging rows keeps a distribution.
        for (int t = 0; t < 2; t++)
            Assert.Equal(1.0f, words[t, 0] + words[t, 1] + words[t, 2], 5);
        Assert.Equal([new AlignmentLink(0, 0), new AlignmentLink(1, 1)], HardAligner.Align(words, EosColumn.LeavesUnaligned));
    }

    [Fact]
    public void AveragesUnequalTargetRows()
    {
        float[,] pieces = { { 1f, 0f }, { 0f, 1f }, { 0.5f, 0.5f } };

        // Target word 0 = pieces 0 and 2 (pieces need not be contiguous): mean of [1, 0] and [0.5, 0.5] = [0.75, 0.25].
        float[,] words = SubwordMerger.Merge(pieces, [0, 1], [0, 1, 0], SourceSpecialPieces.Drop);

        AssertMatrix(new[,] { { 0.75f, 0.25f }, { 0f, 1f } }, words);
    }

    [Fact]
    public void DropLeavesOutSpecialSourceColumns()
    {
        float[,] words = SubwordMerger.Merge(Pieces, SourceWords, TargetWords, SourceSpecialPieces.Drop);

        AssertMatrix(new[,] { { 0.6f, 0.2f }, { 0.1f, 0.8f } }, words);
    }

    [Fact]
    public void ASharedSourcePieceIsSplitEvenlyAndASharedTargetPieceCountsForEachWord()
    {
        // Source pieces: "no" (word 0), "." + '"' merged into one piece of words 1 and 2, </s>.
        // Target pieces: "non" (word 0), '."' shared by words 1 and 2.
        float[,] pieces = { { 0.6f, 0.4f, 0f }, { 0.1f, 0.8f, 0.1f } };

        float[,] words = SubwordMerger.Merge(pieces, [[0], [1, 2], []], 3, [[0], [1, 2]], 3,
            SourceSpecialPieces.NullColumn);

        AssertMatrix(new[,] { { 0.6f, 0.2f, 0.2f, 0f }, { 0.1f, 0.4f, 0.4f, 0.1f }, { 0.1f, 0.4f, 0.4f, 0.1f } }, words);
        Assert.Throws<ArgumentException>(() =>
            SubwordMerger.Merge(pieces, [[0], [1, 1], []], 2, [[0], [1]], 2, SourceSpecialPieces.Drop));
        Assert.Throws<ArgumentException>(() =>
            SubwordMerger.Merge(pieces, [[0], [1], []], 3, [[0], [1]], 2, SourceSpecialPieces.Drop));
    }

    [Fact]
    public void RejectsMapsThatDoNotFitTheMatrixOrSkipAWord()
    {
        Assert.Throws<ArgumentException>(() =>
            SubwordMerger.Merge(Pieces, [0, 1, 1], TargetWords, SourceSpecialPieces.Drop));
        Assert.Throws<ArgumentException>(() =>
            SubwordMerger.Merge(Pieces, [0, 2, 2, -1], TargetWords, SourceSpecialPieces.Drop));
        Assert.Throws<ArgumentException>(() =>
            SubwordMerger.Merge(Pieces, [0, 1, 1, -2], TargetWords, SourceSpecialPieces.Drop));
    }

    private static void AssertMatrix(float[,] expected, float[,] actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.Equal(expected[i, j], actual[i, j], 6);
    }
}
