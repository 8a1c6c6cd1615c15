using Seq2Seq.Data;
using TorchSharp;

namespace Seq2Seq.Train.Experiments;

/// <summary>Applies the <c>threads</c> and <c>device</c> settings before anything touches LibTorch.</summary>
public static class DeviceSetup
{
    public static void Apply(int threads, string device)
    {
        torch.set_num_threads(threads);
        if (device == "cpu")
            return;
        if (!torch.cuda.is_available())
            throw new UserException(
                $"device: \"{device}\" needs a CUDA build of TorchSharp (the TorchSharp-cuda-linux package in place of TorchSharp-cpu) and a GPU; this build runs on the CPU only");
        torch.set_default_device(torch.device(device));
    }
}
