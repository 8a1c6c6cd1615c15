namespace Seq2Seq.Models;

/// <summary>
/// Frees the native memory that TorchSharp leaves to .NET finalizers. A dispose scope frees every tensor made inside
/// it, but not everything a LibTorch call allocates: a <c>Scalar</c> made from a <c>double</c> (the optimiser makes
/// several per parameter at every update), and small bookkeeping blocks of many operations, stay in the C heap until
/// the garbage collector finalizes their .NET owners. Those owners are tiny on the .NET heap, so that happens rarely.
/// Until then, thousands of small live blocks lie among the hundreds of megabytes a training step frees, and the C
/// allocator can neither merge that freed memory into large blocks for the next step nor return it: resident memory
/// grows. TorchSharp's documentation advises a collection after every mini-batch; <c>TrainingStep</c> calls this
/// after each step.
/// </summary>
public static class FinalizedNativeMemory
{
    /// <summary>
    /// Collects the young generations, where the objects of the last mini-batch are, and waits until their
    /// finalizers have freed their native memory. A full collection would also trace the long-lived objects, such as
    /// a loaded corpus: about 25 ms with 29,000 sentence pairs (strings and id arrays) in memory, against 0.1 ms.
    /// </summary>
    public static void Release()
    {
        GC.Collect(1);
        GC.WaitForPendingFinalizers();
    }
}
