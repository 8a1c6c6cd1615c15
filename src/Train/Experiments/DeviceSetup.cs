using Seq2Seq.Data;
using Seq2Seq.Train.Configuration;
using TorchSharp;

namespace Seq2Seq.Train.Experiments;

/// <summary>Applies the <c>threads</c> and <c>device</c> settings before anything touches LibTorch.</summary>
public static class DeviceSetup
{
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
        Check.Integer(threads, 1, ExperimentConfig.MaxThreads, key);
        torch.set_num_threads(threads);
    }
}
