using System.Reflection;

namespace Seq2Seq.Train.Evaluation;

/// <summary>
/// The <c>version:</c> field of the sacreBLEU-style signatures. sacreBLEU writes its own version there; we write
/// <c>seq2seq-</c> and this toolkit's assembly version (e.g. <c>seq2seq-1.0.0</c>), because the numbers come from
/// this implementation of sacreBLEU 2.x's definitions, not from sacreBLEU itself.
/// </summary>
public static class MetricSignature
{
    public static string Version { get; } = $"seq2seq-{FormatVersion(typeof(MetricSignature).Assembly)}";

    private static string FormatVersion(Assembly assembly)
    {
        Version version = assembly.GetName().Version ?? new Version(0, 0, 0);
        return version.ToString(3);
    }
}
