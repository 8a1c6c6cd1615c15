using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Models;
using Seq2Seq.Rnn;
using Seq2Seq.Train.Experiments;
using Seq2Seq.Train.Training;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Benchmark;

/// <summary>What the <c>bench</c> command measures; defaults follow SPEC §7.</summary>
public sealed record BenchmarkOptions
{
    public string Model { get; init; } = "all";
    public int Steps { get; init; } = 30;
    public int Warmup { get; init; } = 5;
    public ulong Seed { get; init; } = 1;
    public int Threads { get; init; } = 2;

    /// <summary>Run one model in this process and print only its section (used for per-model child processes).</summary>
    public bool Child { get; init; }
}

/// <summary>
/// The CPU benchmark of SPEC.md: training throughput, decoding speed, matmul peak, MFU and memory of the project's own
/// models on the synthetic workload, printed as the specification's JSON.
/// </summary>
public static class BenchmarkRunner
{
    private const int DecodeBatches = 4, DecodeSteps = 30, Beam = 5;
    private const string PeakKey = "1024x1024x1024";

    /// <summary>Resident memory is sampled after this training step and after the last, to show it stays flat.</summary>
    private const int MemoryProbeStep = 100;

    public static JsonObject Run(BenchmarkOptions options)
    {
        DeviceSetup.SetThreads(options.Threads, "--threads");
        var monitor = new CpuMonitor();
        using var workload = BenchmarkWorkload.Create(options.Seed);
        var result = new JsonObject
        {
            ["impl"] = "torchsharp-0.107.0",
            ["torch_version"] = "libtorch-2.10.0",
            ["cpu"] = CpuModel(),
            ["blas"] = "libtorch (bundled MKL)",
            ["threads"] = torch.get_num_threads(),
            ["seed"] = options.Seed,
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss+00:00"),
            ["config"] = new JsonObject
            {
                ["batch"] = BenchmarkWorkload.BatchSize, ["pool"] = BenchmarkWorkload.PoolSize,
                ["warmup"] = options.Warmup, ["steps"] = options.Steps, ["decode_batches"] = DecodeBatches,
                ["decode_steps"] = DecodeSteps, ["beam"] = Beam,
            },
            ["data"] = new JsonObject(workload.Summary().Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        if (!options.Child)
            result["matmul_gflops"] = MatmulGflops();

        string[] models = options.Model == "all" ? ["rnn", "transformer"] : [options.Model];
        double peak = PeakRssMegabytes();
        foreach (string name in models)
        {
            var section = options.Child || models.Length == 1
                ? BenchModel(name, workload, options)
                : RunChild(name, options);
            peak = Math.Max(peak, section["peak_rss_mb"]!.GetValue<double>());
            if (result["matmul_gflops"] is JsonObject matmul)
                section["mfu"] = Math.Round(section["train_gflops_per_s"]!.GetValue<double>()
                    / matmul[PeakKey]!.GetValue<double>(), 4);
            result[name] = section;
        }
        result["peak_rss_mb"] = Math.Max(peak, PeakRssMegabytes());
        AddCpu(result, monitor);
        return result;
    }

    private static JsonObject BenchModel(string name, BenchmarkWorkload workload, BenchmarkOptions options)
    {
        var monitor = new CpuMonitor();
        manual_seed((long)options.Seed);
        using var model = CreateModel(name);
        long parameters = model.parameters().Sum(p => p.numel());
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-4, beta1: 0.9, beta2: 0.98, eps: 1e-8);
        var step = new TrainingStep(model, optimizer, new TrainingOptions { LabelSmoothing = 0.1, ClipNorm = 1.0 });

        var times = new List<double>();
        var losses = new List<double>();
        var residentAfterStep = new JsonObject();
        var heapInUseAfterStep = new JsonObject();
        var heapKeptAfterStep = new JsonObject();
        long tokens = 0;
        int totalSteps = options.Warmup + options.Steps;
        for (int i = 0; i < totalSteps; i++)
        {
            var batch = workload.Batches[i % workload.Batches.Count];
            long start = Stopwatch.GetTimestamp();
            var (loss, _) = step.Run(batch);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            losses.Add(loss);
            if (i + 1 == MemoryProbeStep || (i + 1 == totalSteps && totalSteps > MemoryProbeStep))
            {
                residentAfterStep[$"{i + 1}"] = ResidentMegabytes();
                if (NativeHeap.Megabytes() is var (inUse, kept))
                {
                    heapInUseAfterStep[$"{i + 1}"] = inUse;
                    heapKeptAfterStep[$"{i + 1}"] = kept;
                }
            }
            if (i < options.Warmup)
                continue;
            times.Add(seconds);
            tokens += batch.TargetTokens;
        }

        double flopsPerToken = FlopCount.TrainingFlopsPerToken(workload.SentenceLengths,
            name == "rnn" ? (s, t) => FlopCount.RnnMacs(s, t) : (s, t) => FlopCount.TransformerMacs(s, t));
        double tokensPerSecond = tokens / times.Sum();
        var section = new JsonObject
        {
            ["params"] = parameters,
            ["train_tok_per_s"] = Math.Round(tokensPerSecond, 1),
            ["step_ms"] = Math.Round(1000 * times.Average(), 1),
            ["step_ms_median"] = Math.Round(1000 * Median(times), 1),
            ["train_flops_per_tok"] = Math.Round(flopsPerToken),
            ["train_gflops_per_s"] = Math.Round(tokensPerSecond * flopsPerToken / 1e9, 2),
            ["loss_first"] = Math.Round(losses[0], 4),
            ["loss_last"] = Math.Round(losses[^1], 4),
        };
        if (residentAfterStep.Count > 0)
            section["rss_after_step_mb"] = residentAfterStep;
        if (heapInUseAfterStep.Count > 0)
        {
            section["heap_in_use_after_step_mb"] = heapInUseAfterStep;
            section["heap_kept_after_step_mb"] = heapKeptAfterStep;
        }

        model.eval();
        var fixedLength = new DecodingOptions
        {
            MaxLengthRatio = 0, MaxLengthOffset = DecodeSteps, StopAtEos = false, LengthPenalty = 1.0,
        };
        section["greedy_sent_per_s"] = Math.Round(SentencesPerSecond(workload,
            b => GreedySearch.Decode(model, b.Source, b.SourceLengths, fixedLength)), 2);
        section["beam5_sent_per_s"] = Math.Round(SentencesPerSecond(workload,
            b => BeamSearch.Decode(model, b.Source, b.SourceLengths, Beam, fixedLength)), 2);
        if (model.DecodesSentencesInParallel)
        {
            var wholeBatch = fixedLength with { ParallelSentences = false };
            section["greedy_whole_batch_sent_per_s"] = Math.Round(SentencesPerSecond(workload,
                b => GreedySearch.Decode(model, b.Source, b.SourceLengths, wholeBatch)), 2);
            section["beam5_whole_batch_sent_per_s"] = Math.Round(SentencesPerSecond(workload,
                b => BeamSearch.Decode(model, b.Source, b.SourceLengths, Beam, wholeBatch)), 2);
        }
        if (model is TransformerModel transformer)
            section["greedy_recompute_sent_per_s"] = Math.Round(SentencesPerSecond(workload,
                b => RecomputingGreedySearch.Decode(transformer, b.Source, DecodeSteps).Dispose()), 2);
        section["peak_rss_mb"] = PeakRssMegabytes();
        AddCpu(section, monitor);
        return section;
    }

    private static Seq2SeqModel CreateModel(string name) => name switch
    {
        "rnn" => new RnnModel(new RnnOptions(), BenchmarkWorkload.Vocabulary, BenchmarkWorkload.Vocabulary),
        "transformer" => new TransformerModel(new TransformerOptions(), BenchmarkWorkload.Vocabulary, BenchmarkWorkload.Vocabulary),
        _ => throw new UserException($"--model: expected rnn, transformer or all, got '{name}'"),
    };

    /// <summary>One untimed warm-up on 16 sentences of batch 0, then the first four batches, timed.</summary>
    private static double SentencesPerSecond(BenchmarkWorkload workload, Action<Batch> decode)
    {
        using (var scope = NewDisposeScope())
        {
            var first = workload.Batches[0];
            decode(new Batch
            {
                Source = first.Source[..16], SourceLengths = first.SourceLengths[..16],
                SourceMask = first.SourceMask[..16], TargetIn = first.TargetIn[..16],
                TargetOut = first.TargetOut[..16], PairIndices = first.PairIndices.Take(16).ToArray(),
                TargetTokens = 0,
            });
        }
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < DecodeBatches; i++)
            decode(workload.Batches[i]);
        return DecodeBatches * BenchmarkWorkload.BatchSize / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>SPEC §5: 3 warm-up calls, then 11 runs of r back-to-back products; the median run.</summary>
    private static JsonObject MatmulGflops()
    {
        var result = new JsonObject();
        foreach (var (m, k, n) in new[] { (1024, 1024, 1024), (256, 256, 256), (64, 256, 8000) })
        {
            using var scope = NewDisposeScope();
            var a = randn(m, k);
            var b = randn(k, n);
            double flops = 2.0 * m * k * n;
            int repeats = Math.Max(3, (int)(2e10 / flops));
            for (int i = 0; i < 3; i++)
                a.mm(b).Dispose();
            var runs = new List<double>();
            for (int run = 0; run < 11; run++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < repeats; i++)
                    a.mm(b).Dispose();
                runs.Add(Stopwatch.GetElapsedTime(start).TotalSeconds / repeats);
            }
            result[$"{m}x{k}x{n}"] = Math.Round(flops / Median(runs) / 1e9, 1);
        }
        return result;
    }

    /// <summary>Runs one model in a fresh process, so that its peak RSS is its own.</summary>
    private static JsonObject RunChild(string name, BenchmarkOptions options)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        string executable = Environment.ProcessPath!;
        start.FileName = executable;
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (string argument in new[]
                 {
                     "bench", "--child", "--model", name, "--steps", $"{options.Steps}", "--warmup",
                     $"{options.Warmup}", "--seed", $"{options.Seed}", "--threads", $"{options.Threads}",
                 })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the {name} benchmark process failed with exit code {process.ExitCode}");
        return JsonNode.Parse(output)![name]!.AsObject().DeepClone().AsObject();
    }

    private static void AddCpu(JsonObject section, CpuMonitor monitor)
    {
        var (wall, others, system) = monitor.Stop();
        section["wall_s"] = Math.Round(wall, 1);
        section["others_cpu_cores"] = Math.Round(others, 2);
        section["sys_cpu_frac"] = Math.Round(system, 3);
    }

    /// <summary>VmHWM of /proc/self/status (the peak resident set), in MB.</summary>
    public static double PeakRssMegabytes() => ProcessStatusMegabytes("VmHWM:");

    /// <summary>VmRSS of /proc/self/status (the current resident set), in MB.</summary>
    private static double ResidentMegabytes() => ProcessStatusMegabytes("VmRSS:");

    private static double ProcessStatusMegabytes(string key)
    {
        string? line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))
            : null;
        return line is null ? double.NaN
            : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0, 1);
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
