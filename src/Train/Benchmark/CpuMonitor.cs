using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Seq2Seq.Train.Benchmark;

/// <summary>
/// How busy the machine was with other processes while a section ran (SPEC §6): machine-wide non-idle CPU seconds
/// from /proc/stat minus the CPU time of this process and its finished children (getrusage), per wall second; and
/// the system share of our own CPU time.
/// </summary>
public sealed class CpuMonitor
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly double _busyStart = MachineBusySeconds();
    private readonly (double User, double System) _ownStart = OwnSeconds();

    public (double WallSeconds, double OthersCpuCores, double SystemCpuFraction) Stop()
    {
        double wall = _wall.Elapsed.TotalSeconds;
        var (user, system) = OwnSeconds();
        user -= _ownStart.User;
        system -= _ownStart.System;
        double others = Math.Max(0, MachineBusySeconds() - _busyStart - user - system);
        return (wall, others / wall, system / Math.Max(user + system, 1e-9));
    }

    /// <summary>Non-idle CPU seconds of the whole machine: the first line of /proc/stat minus idle and iowait.</summary>
    private static double MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat"))
            return 0;
        var fields = File.ReadLines("/proc/stat").First()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        return (fields.Sum() - fields[3] - fields[4]) / 100.0;   // USER_HZ is 100 on Linux
    }

    /// <summary>User and system CPU seconds of this process and of its children that have been waited for.</summary>
    private static (double User, double System) OwnSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            using var process = Process.GetCurrentProcess();
            return (process.UserProcessorTime.TotalSeconds, process.PrivilegedProcessorTime.TotalSeconds);
        }
        _ = GetResourceUsage(0, out Usage self);           // RUSAGE_SELF
        _ = GetResourceUsage(-1, out Usage children);      // RUSAGE_CHILDREN
        return (self.User.Seconds + children.User.Seconds, self.System.Seconds + children.System.Seconds);
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, out Usage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public long WholeSeconds;
        public long Microseconds;

        public readonly double Seconds => WholeSeconds + Microseconds / 1e6;
    }

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs (144 bytes); only the times are
    /// read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct Usage
    {
        public TimeValue User;
        public TimeValue System;
    }
}
