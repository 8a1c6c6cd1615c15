using Seq2Seq.Data;
using System.Globalization;
using System.Text;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Writes alignments in Pharaoh format, as fairseq's <c>--print-alignment</c> and fast_align do: one line per
/// sentence, links <c>source-target</c>, 0-based, sorted by target then source position, separated by one space.
/// Possible (non-sure) links are written <c>sourceptarget</c>, so gold alignments round-trip through
/// <see cref="GoldAlignmentReader"/>.
/// </summary>
public static class PharaohWriter
{
    /// <summary>One sentence's line (without newline); empty for no links.</summary>
    public static string Format(IEnumerable<AlignmentLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return string.Join(' ', links
            .Distinct()
            .OrderBy(l => l.Target).ThenBy(l => l.Source)
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Source}{(l.Sure ? '-' : 'p')}{l.Target}")));
    }

    /// <summary>Writes one line per sentence to <paramref name="path"/> (UTF-8, '\n' line ends), atomically.</summary>
    public static void Write(string path, IEnumerable<IEnumerable<AlignmentLink>> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var text = new StringBuilder();
        foreach (IEnumerable<AlignmentLink> links in sentences)
            text.Append(Format(links)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }
}
