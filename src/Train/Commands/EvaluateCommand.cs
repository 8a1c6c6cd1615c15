using System.CommandLine;
using Seq2Seq.Data;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Experiments;
using Seq2Seq.Train.Runs;

namespace Seq2Seq.Train.Commands;

/// <summary><c>evaluate</c>: scores a run's trained models on its dev or test split with BLEU and chrF, greedily and
/// with beam search. The split is read again from the corpus files named in the run's configuration.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "the run folder", Required = true };
        var split = new Option<string>("--split") { Description = "test or dev", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "dev");
        var beam = new Option<int?>("--beam") { Description = "beam size besides greedy (default: the run's evaluation beam)" };
        var model = new Option<string?>("--model") { Description = "evaluate only this model" };
        var threads = new Option<int>("--threads") { Description = "CPU threads", DefaultValueFactory = _ => 2 };
        var command = new Command("evaluate", "Score a run's models on its test (or dev) split: BLEU and chrF, greedy and beam search.")
        {
            run, split, beam, model, threads,
        };
        command.SetAction(parse =>
        {
            var folder = RunDirectory.Open(parse.GetValue(run)!);
            DeviceSetup.Apply(parse.GetValue(threads), folder.Config.Device, "--threads");
            string splitName = parse.GetValue(split)!;
            var data = DataPreparation.Reload(folder.Config.Data, folder.LoadCodecs());
            var encoded = (splitName == "dev" ? data.Dev : data.Test)
                ?? throw new UserException($"{folder.Path}: the run's configuration has no {splitName} split");
            int beamSize = parse.GetValue(beam) ?? folder.Config.Evaluation.BeamSize;
            Check.Integer(beamSize, 1, EvaluationOptions.MaxBeamSize, parse.GetValue(beam) is null ? "evaluation.beamSize" : "--beam");
            var names = parse.GetValue(model) is { } only ? [only] : folder.TrainedModels();
            foreach (string name in names)
            {
                using var loaded = folder.LoadModel(name);
                foreach (int b in beamSize == 1 ? [1] : new[] { 1, beamSize })
                {
                    var result = SplitEvaluation.Evaluate(name, loaded, data.Codecs, encoded, folder.Config.Evaluation, b);
                    Console.WriteLine($"{name} {splitName} {result.Mode}: {result.Bleu.ToStringWithSignature()}");
                    Console.WriteLine($"{name} {splitName} {result.Mode}: {result.Chrf.ToStringWithSignature()}");
                }
            }
            return Program.Success;
        });
        return command;
    }
}
