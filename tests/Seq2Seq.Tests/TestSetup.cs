using System.Runtime.CompilerServices;
using TorchSharp;

namespace Seq2Seq.Tests;

internal static class TestSetup
{
    /// <summary>One intra-op thread: on a small shared machine, two threads make small ops 100–1000× slower.</summary>
    [ModuleInitializer]
    internal static void UseOneThread() => torch.set_num_threads(1);
}
