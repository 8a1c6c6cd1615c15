using static TorchSharp.torch;

namespace Seq2Seq.Models;

/// <summary>
/// Where a CPU tensor's first element lies in memory, for the kernels that read and write tensors directly. The tensor
/// must stay alive while the pointer is in use, and be contiguous wherever the kernel walks it as such.
/// </summary>
internal static unsafe class TensorMemory
{
    public static T* Start<T>(Tensor tensor) where T : unmanaged =>
        (T*)tensor.storage<T>().data_ptr() + tensor.storage_offset();
}
