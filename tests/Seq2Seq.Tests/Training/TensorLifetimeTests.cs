using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Models;
using Seq2Seq.Tests.Models;
using Seq2Seq.Train.Benchmark;
using Seq2Seq.Train.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

/// <summary>
/// Every tensor lives in native memory, which the .NET garbage collector does not see: a training step or a decoding
/// call that leaves one tensor behind grows the process without bound. These tests count the tensors alive on the
/// test's thread (TorchSharp's own bookkeeping) before and after, and the bytes in use in the C heap.
/// </summary>
public sealed class TensorLifetimeTests
{
    private const int Vocabulary = 24;

    public static TheoryData<string, double> Cases => new()
    {
        { "rnn", 1.0 }, { "transformer", 1.0 }, { "rnn", 0.5 }, { "transformer", 0.5 },
    };

    /// <param name="teacherForcing">1 for teacher forcing, below 1 for scheduled sampling</param>
    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainingStepsAndDecodingLeaveNoTensorAlive(string architecture, double teacherForcing)
    {
        using var training = new TinyTraining(architecture, teacherForcing);
        var (model, step, batch) = (training.Model, training.Step, training.Batch);
        var options = new DecodingOptions { MaxLengthRatio = 0, MaxLengthOffset = 6 };
        step.Run(batch);                                  // the optimiser creates its state on the first step
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        long alive = statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 3; i++)
            step.Run(batch);
        model.eval();
        GreedySearch.Decode(model, batch.Source, batch.SourceLengths, options);
        BeamSearch.Decode(model, batch.Source, batch.SourceLengths, 3, options);

        Assert.Equal(alive, statistics.ThreadTotalLiveCount);
    }

    /// <summary>Besides tensors, TorchSharp leaves some native memory to .NET finalizers (a <c>Scalar</c> made from
    /// a <c>double</c>, bookkeeping blocks of operations). A training step frees it before it returns, so another
    /// collection right after finds nothing to free. Left to the garbage collector, it would lie scattered among the
    /// memory the next steps reuse.</summary>
    [Theory]
    [InlineData("rnn", 1.0)]
    [InlineData("transformer", 1.0)]
    [InlineData("rnn", 0.5)]
    public void TrainingStepsLeaveNothingToFinalizers(string architecture, double teacherForcing)
    {
        using var training = new TinyTraining(architecture, teacherForcing);
        var (step, batch) = (training.Step, training.Batch);
        step.Run(batch);                                  // first calls: the optimiser's state, the runtime's own
        GC.Collect();                                     // and whatever earlier tests left
        GC.WaitForPendingFinalizers();

        for (int i = 0; i < 3; i++)
        {
            step.Run(batch);
            long inUse = NativeHeap.Bytes()!.Value.InUse;
            FinalizedNativeMemory.Release();
            Assert.Equal(inUse, NativeHeap.Bytes()!.Value.InUse);
        }
    }

    /// <summary>A tiny model of either architecture, its optimiser, a training step and one batch of five pairs.</summary>
    private sealed class TinyTraining : IDisposable
    {
        private readonly optim.Optimizer _optimizer;

        public TinyTraining(string architecture, double teacherForcing)
        {
            manual_seed(5);
            Model = TinyModels.Create(architecture, Vocabulary, dropout: 0.1);
            _optimizer = optim.Adam(Model.parameters(), lr: 1e-3);
            Step = new TrainingStep(Model, _optimizer,
                new TrainingOptions { LabelSmoothing = 0.1, ClipNorm = 1.0, TeacherForcing = teacherForcing });
            var random = new Random(6);
            Batch = BatchBuilder.Build([0, 1, 2, 3, 4],
                TinyData.Sequences(random, 5, Vocabulary, 1, 8), TinyData.Sequences(random, 5, Vocabulary, 1, 8));
        }

        public Seq2SeqModel Model { get; }

        public TrainingStep Step { get; }

        public Batch Batch { get; }

        public void Dispose()
        {
            Batch.Dispose();
            _optimizer.Dispose();
            Model.Dispose();
        }
    }
}
