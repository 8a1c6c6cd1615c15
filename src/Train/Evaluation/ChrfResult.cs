using System.Globalization;

namespace Seq2Seq.Train.Evaluation;

/// <summary>The corpus statistics of one character n-gram order.</summary>
/// <param name="Order">n.</param>
/// <param name="Hypothesis">Hypothesis n-grams (counted only in segments whose reference has n-grams of this order).</param>
/// <param name="Reference">Reference n-grams.</param>
/// <param name="Matches">Hypothesis n-grams found in the reference, clipped to the reference counts.</param>
public sealed record ChrfOrderStatistics(int Order, int Hypothesis, int Reference, int Matches);

/// <summary>A corpus chrF score with its statistics.</summary>
/// <param name="Score">chrF on a 0–100 scale.</param>
/// <param name="Beta">β: recall weighs β times as much as precision.</param>
/// <param name="Orders">Per-order statistics summed over the corpus (n = 1..6).</param>
/// <param name="Precision">Average n-gram precision over the effective orders, 0–1.</param>
/// <param name="Recall">Average n-gram recall over the effective orders, 0–1.</param>
/// <param name="Signature">sacreBLEU 2.x-style signature, e.g.
/// <c>nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:seq2seq-1.0.0</c>.</param>
public sealed record ChrfResult(
    double Score,
    int Beta,
    IReadOnlyList<ChrfOrderStatistics> Orders,
    double Precision,
    double Recall,
    string Signature)
{
    /// <summary>sacreBLEU's line: <c>chrF2 = 52.34</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} = {Score:F2}");

    /// <summary>With the signature: <c>chrF2|nrefs:1|… = 52.34</c>.</summary>
    public string ToStringWithSignature() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}|{Signature} = {Score:F2}");

    private string Name => string.Create(CultureInfo.InvariantCulture, $"chrF{Beta}");
}
