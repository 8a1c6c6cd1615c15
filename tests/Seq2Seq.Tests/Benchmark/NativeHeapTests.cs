using Seq2Seq.Train.Benchmark;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Benchmark;

public sealed class NativeHeapTests
{
    /// <summary>A 64 MB tensor is counted as in use while it lives, and no longer once it is disposed.</summary>
    [Fact]
    public void CountsATensorWhileItLives()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = NativeHeap.Megabytes();
        Assert.NotNull(before);

        double during;
        using (var tensor = zeros(16 * 1024 * 1024))                     // 64 MB of float32
            during = NativeHeap.Megabytes()!.Value.InUse;
        double after = NativeHeap.Megabytes()!.Value.InUse;

        Assert.InRange(during - before.Value.InUse, 63.5, 64.5);
        Assert.InRange(after - before.Value.InUse, -0.5, 0.5);
    }
}
