namespace Seq2Seq.Decoding;

/// <summary>A decoded translation.</summary>
/// <param name="Tokens">target ids, without &lt;s&gt; and &lt;/s&gt;</param>
/// <param name="LogProbability">the sum of the token log-probabilities, &lt;/s&gt; included when it was produced</param>
/// <param name="Score">the ranking score: the log-probability divided by the length penalty</param>
public sealed record Hypothesis(int[] Tokens, double LogProbability, double Score);
