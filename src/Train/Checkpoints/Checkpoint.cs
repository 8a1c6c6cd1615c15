using System.Text;
using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Checkpoints;

/// <summary>Saves and restores a model, its optimiser and its training state in one <see cref="CheckpointFile"/>.</summary>
public static class Checkpoint
{
    public static void Save(string path, CheckpointMetadata metadata, Seq2SeqModel model, optim.Optimizer? optimizer)
    {
        byte[] weights = Serialize(writer => model.save(writer));
        byte[] moments = optimizer is null ? [] : Serialize(writer => Optimizer(optimizer).save_state_dict(writer));
        CheckpointFile.Write(path, new CheckpointFile.Sections(
            Encoding.UTF8.GetBytes(JsonConfig.Serialize(metadata)), weights, moments));
    }

    /// <summary>Reads and verifies a checkpoint file.</summary>
    public static Loaded Read(string path)
    {
        var sections = CheckpointFile.Read(path);
        CheckpointMetadata metadata;
        try
        {
            metadata = JsonConfig.Deserialize<CheckpointMetadata>(Encoding.UTF8.GetString(sections.Metadata))
                ?? throw new UserException($"{path}: checkpoint has no metadata");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new UserException($"{path}: unreadable checkpoint metadata ({e.Message.Split(". ")[0]})", e);
        }
        if (metadata.Format != CheckpointMetadata.CurrentFormat)
            throw new UserException($"{path}: checkpoint format {metadata.Format}, expected {CheckpointMetadata.CurrentFormat}");
        return new Loaded(path, metadata, sections.Model, sections.Optimizer);
    }

    /// <summary>A verified checkpoint in memory.</summary>
    public sealed record Loaded(string Path, CheckpointMetadata Metadata, byte[] Weights, byte[] OptimizerState)
    {
        /// <summary>Builds the model it holds and loads its weights.</summary>
        public Seq2SeqModel CreateModel()
        {
            var model = Metadata.Model.CreateModel(Metadata.SourceVocabularySize, Metadata.TargetVocabularySize);
            LoadWeights(model);
            return model;
        }

        public void LoadWeights(Seq2SeqModel model)
        {
            using var reader = new BinaryReader(new MemoryStream(Weights));
            try
            {
                model.load(reader);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
            {
                throw new UserException($"{Path}: the weights do not fit the model it describes ({e.Message})", e);
            }
        }

        public void LoadOptimizer(optim.Optimizer optimizer)
        {
            if (OptimizerState.Length == 0)
                throw new UserException($"{Path}: holds no optimizer state, so training cannot resume from it");
            using var reader = new BinaryReader(new MemoryStream(OptimizerState));
            Optimizer(optimizer).load_state_dict(reader);
        }
    }

    private static TorchSharp.Modules.OptimizerHelper Optimizer(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper
        ?? throw new ArgumentException($"{optimizer.GetType().Name} cannot save its state", nameof(optimizer));

    private static byte[] Serialize(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            write(writer);
        return buffer.ToArray();
    }
}
