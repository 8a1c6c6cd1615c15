using Seq2Seq.Data;
using TorchSharp;

namespace Seq2Seq.Train.Experiments;

/// <summary>Applies the <c>threads</c> and <c>device</c> settings before anything touches LibTorch.</summary>
public static class DeviceSetup
{
    /// <summary>The most intra-op threads a setting may ask for: far above any CPU's useful count, and low enough that
    /// a slip of the keyboard cannot start tens of thousands of threads.</summary>
    public const int MaxThreads = 256;

    /// <param name="threads">intra-op threads</param>
    /// <param name="device">"cpu" or a CUDA device</param>
    /// <param name="threadsKey">the setting <paramref name="threads"/> came from, for the error message</param>
    public static void Apply(int threads, string device, string threadsKey)
    {
        SetThreads(threads, threadsKey);
        if (device == "cpu")
            return;
        if (!torch.cuda.is_available())
            throw new UserException(
                $"device: \"{device}\" needs a CUDA build of TorchSharp (the TorchSharp-cuda-linux package in place of TorchSharp-cpu) and a GPU; this build runs on the CPU only");
        torch.set_default_device(torch.device(device));
    }

    /// <summary>Sets LibTorch's intra-op threads, after checking the value (LibTorch aborts the process on a
    /// non-positive one).</summary>
    /// <param name="threads">intra-op threads</param>
    /// <param name="key">the setting the value came from, for the error message</param>
    public static void SetThreads(int threads, string key)
    {
        CheckThreads(threads, key);
        torch.set_num_threads(threads);
    }

    /// <summary>Fails with one line naming <paramref name="key"/> unless 1 ≤ threads ≤ <see cref="MaxThreads"/>.</summary>
    public static void CheckThreads(int threads, string key)
    {
        if (threads is < 1 or > MaxThreads)
            throw new UserException($"{key}: expected an integer from 1 to {MaxThreads}, got {threads}");
    }
}
