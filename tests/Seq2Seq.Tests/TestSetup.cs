using System.Runtime.CompilerServices;
using TorchSharp;

namespace Seq2Seq.Tests;

internal static class TestSetup
{
    /// <summary>One intra-op thread: on a small shared machine, two threads make small ops 100–1000× slower.</summary>
    [ModuleInitializer]
    internal static void UseOneThread() => torch.set_num_threads(1);

    /// <summary>Runs <paramref name="test"/> with <paramref name="threads"/> LibTorch threads on the calling thread,
    /// then goes back to one.</summary>
    internal static void WithThreads(int threads, Action test)
    {
        torch.set_num_threads(threads);
        try
        {
            test();
        }
        finally
        {
            torch.set_num_threads(1);
        }
    }
}
