namespace Seq2Seq.Train.Alignments;

/// <summary>
/// The gold alignment of one sentence pair: sure links S and possible links P with S ⊆ P (Och &amp; Ney, 2003,
/// "A Systematic Comparison of Various Statistical Alignment Models", section 5). A word pair listed both as sure and
/// as possible is sure.
/// </summary>
public sealed class GoldAlignment
{
    /// <summary>An empty alignment (no links), e.g. an empty line of a gold file.</summary>
    public static GoldAlignment Empty { get; } = new([]);

    public GoldAlignment(IEnumerable<AlignmentLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var sure = new HashSet<(int Source, int Target)>();
        var possible = new HashSet<(int Source, int Target)>();
        foreach (AlignmentLink link in links)
        {
            if (link.Source < 0 || link.Target < 0)
                throw new ArgumentOutOfRangeException(nameof(links), link, "link indices must be 0-based (>= 0)");
            possible.Add((link.Source, link.Target));
            if (link.Sure)
                sure.Add((link.Source, link.Target));
        }

        Sure = sure;
        Possible = possible;
        Links = possible
            .OrderBy(p => p.Target).ThenBy(p => p.Source)
            .Select(p => new AlignmentLink(p.Source, p.Target, sure.Contains(p)))
            .ToArray();
    }

    /// <summary>Every distinct link, sorted by target then source position.</summary>
    public IReadOnlyList<AlignmentLink> Links { get; }

    /// <summary>S: the sure links.</summary>
    public IReadOnlySet<(int Source, int Target)> Sure { get; }

    /// <summary>P: the possible links, which include the sure ones.</summary>
    public IReadOnlySet<(int Source, int Target)> Possible { get; }

    /// <summary>
    /// A hard (predicted) alignment used as a reference, all links sure (S = P): what agreement between two models
    /// is scored against.
    /// </summary>
    public static GoldAlignment FromHard(IEnumerable<AlignmentLink> links) =>
        new(links.Select(l => l with { Sure = true }));

    /// <summary>The same links with source and target swapped, for the opposite translation direction.</summary>
    public GoldAlignment Inverted() => new(Links.Select(l => new AlignmentLink(l.Target, l.Source, l.Sure)));
}
