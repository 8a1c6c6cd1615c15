using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Tests.Models;
using Seq2Seq.Train.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

/// <summary>
/// Every tensor lives in native memory, which the .NET garbage collector does not see: a training step or a decoding
/// call that leaves one tensor behind grows the process without bound. These tests count the tensors alive on the
/// test's thread (TorchSharp's own bookkeeping) before and after.
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
        manual_seed(5);
        using var model = TinyModels.Create(architecture, Vocabulary, dropout: 0.1);
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var step = new TrainingStep(model, optimizer,
            new TrainingOptions { LabelSmoothing = 0.1, ClipNorm = 1.0, TeacherForcing = teacherForcing });
        var random = new Random(6);
        using var batch = BatchBuilder.Build([0, 1, 2, 3, 4],
            TinyData.Sequences(random, 5, Vocabulary, 1, 8), TinyData.Sequences(random, 5, Vocabulary, 1, 8));
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
}
