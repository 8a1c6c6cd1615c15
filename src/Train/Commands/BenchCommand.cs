using Seq2Seq.Data;
using System.CommandLine;
using Seq2Seq.Train.Benchmark;

namespace Seq2Seq.Train.Commands;

/// <summary><c>bench</c>: the CPU benchmark of SPEC.md, printed as JSON.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "rnn, transformer or all", DefaultValueFactory = _ => "all" };
        var steps = new Option<int>("--steps") { Description = "timed training steps", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "untimed training steps", DefaultValueFactory = _ => 5 };
        var seed = new Option<ulong>("--seed") { Description = "workload and initialisation seed", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "intra-op threads", DefaultValueFactory = _ => 2 };
        var output = new Option<FileInfo?>("--out") { Description = "also write the JSON to this file" };
        var child = new Option<bool>("--child") { Hidden = true };
        var command = new Command("bench", "Benchmark training and decoding speed on the synthetic workload of the CPU benchmark specification.")
        {
            model, steps, warmup, seed, threads, output, child,
        };
        command.SetAction(parse =>
        {
            var result = BenchmarkRunner.Run(new BenchmarkOptions
            {
                Model = parse.GetValue(model)!, Steps = parse.GetValue(steps), Warmup = parse.GetValue(warmup),
                Seed = parse.GetValue(seed), Threads = parse.GetValue(threads), Child = parse.GetValue(child),
            });
            string json = result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
            Console.WriteLine(json);
            if (parse.GetValue(output) is { } file)
                AtomicFile.WriteAllText(file.FullName, json + "\n");
            return Program.Success;
        });
        return command;
    }
}
