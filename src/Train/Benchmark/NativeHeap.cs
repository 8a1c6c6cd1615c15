using System.Runtime.InteropServices;

namespace Seq2Seq.Train.Benchmark;

/// <summary>
/// What the C allocator holds (glibc's <c>malloc</c>, from which LibTorch allocates every tensor): bytes in live
/// allocations, and bytes freed but kept for reuse. Resident memory that grows while the bytes in use stay flat is
/// memory the allocator keeps, not memory the program holds.
/// </summary>
public static class NativeHeap
{
    /// <returns>megabytes in use and kept free, or null where glibc's <c>mallinfo2</c> is not available</returns>
    public static (double InUse, double Kept)? Megabytes() =>
        Bytes() is var (inUse, kept) ? (ToMegabytes(inUse), ToMegabytes(kept)) : null;

    /// <returns>bytes in use and kept free, or null where glibc's <c>mallinfo2</c> is not available</returns>
    public static (long InUse, long Kept)? Bytes()
    {
        try
        {
            var info = mallinfo2();
            return ((long)(info.InUse + info.Mapped), (long)info.Free);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static double ToMegabytes(long bytes) => Math.Round(bytes / 1048576.0, 1);

    /// <summary>glibc's <c>struct mallinfo2</c>, totalled over all arenas.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, OrdBlks, SmBlks, HBlks;
        public nuint Mapped;     // hblkhd: bytes in blocks mapped on their own
        public nuint UsmBlks, FsmBlks;
        public nuint InUse;      // uordblks: bytes in live allocations from the arenas
        public nuint Free;       // fordblks: bytes freed and kept in the arenas
        public nuint KeepCost;
    }

    [DllImport("libc")]
    private static extern MallInfo2 mallinfo2();
}
