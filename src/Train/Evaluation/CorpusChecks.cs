using Seq2Seq.Data;

namespace Seq2Seq.Train.Evaluation;

/// <summary>The input checks BLEU and chrF share (sacreBLEU refuses the same inputs).</summary>
internal static class CorpusChecks
{
    public static void Validate(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        if (hypotheses.Count != references.Count)
            throw new UserException(
                $"{hypotheses.Count} hypotheses but {references.Count} references: expected one reference per hypothesis");
        if (hypotheses.Count == 0)
            throw new UserException("no sentences to score: expected at least one hypothesis and reference");
        for (int i = 0; i < references.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(hypotheses[i], $"{nameof(hypotheses)}[{i}]");
            if (string.IsNullOrEmpty(references[i]))
                throw new UserException($"reference line {i + 1} is empty: expected a non-empty reference sentence");
        }
    }
}
