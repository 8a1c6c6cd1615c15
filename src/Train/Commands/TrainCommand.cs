using System.CommandLine;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Experiments;

namespace Seq2Seq.Train.Commands;

/// <summary>The default command: train the models of a configuration (or resume a run), evaluate them, compare their
/// attention with gold alignments, and write the run folder.</summary>
public static class TrainCommand
{
    public static void Configure(RootCommand root)
    {
        var config = new Option<string?>("--config") { Description = "configuration: a path, or a name in configs/ (e.g. base.json)" };
        var resume = new Option<string?>("--resume") { Description = "continue an interrupted run from its folder" };
        var threads = new Option<int?>("--threads") { Description = "override the configuration's CPU threads" };
        root.Options.Add(config);
        root.Options.Add(resume);
        root.Options.Add(threads);
        root.SetAction(parse =>
        {
            string? configName = parse.GetValue(config), resumePath = parse.GetValue(resume);
            if ((configName is null) == (resumePath is null))
                throw new Data.UserException("expected --config <file> to train, or --resume <run folder> to continue (see --help)");
            using var interrupt = Interrupt.OnCtrlC();
            var experiment = resumePath is not null
                ? Experiment.Resume(resumePath, Console.Out, interrupt.Token, parse.GetValue(threads))
                : Experiment.Start(WithThreads(ConfigLocator.Load(configName!), parse.GetValue(threads)), Console.Out, interrupt.Token);
            experiment.Execute();
            return Program.Success;
        });
    }

    private static ExperimentConfig WithThreads(ExperimentConfig config, int? threads) =>
        threads is { } t ? config with { Threads = t } : config;
}
