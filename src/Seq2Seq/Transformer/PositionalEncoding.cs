using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// Sinusoidal positional encoding, Vaswani et al. 2017, §3.5:
/// <c>PE[p, 2i] = sin(p / 10000^(2i/d))</c>, <c>PE[p, 2i+1] = cos(p / 10000^(2i/d))</c>, positions counted from 0.
/// The table is computed once (in double precision, stored as float32) and grows on demand, so sentences of any
/// length can be encoded. It is a non-persistent buffer: it is not saved with the model's parameters.
/// </summary>
public sealed class PositionalEncoding : nn.Module
{
    private const string TableName = "table";

    private readonly int modelSize;

    /// <param name="name">the module name</param>
    /// <param name="modelSize">d_model (even)</param>
    /// <param name="initialLength">how many positions to compute up front</param>
    public PositionalEncoding(string name, int modelSize, long initialLength = 256) : base(name)
    {
        if (modelSize <= 0 || modelSize % 2 != 0)
            throw new ArgumentException($"The model size {modelSize} must be even and positive.", nameof(modelSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialLength);
        this.modelSize = modelSize;
        register_buffer(TableName, CreateTable(initialLength, CPU), persistent: false);
    }

    /// <summary>The number of positions computed so far.</summary>
    public long Length => Table.shape[0];

    private Tensor Table => get_buffer(TableName)!;

    /// <summary>The encodings of positions <paramref name="start"/> … start + length − 1.</summary>
    /// <returns>[length, d], a view of the table (extended first if it is too short or on another device)</returns>
    public Tensor Encoding(long start, long length, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var table = Table;
        if (start + length > table.shape[0] || table.device_type != device.type || table.device_index != device.index)
        {
            var extended = CreateTable(Math.Max(start + length, 2 * table.shape[0]), device);
            ConditionallyRegisterBuffer(TableName, extended, persistent: false);
            table.Dispose();
            table = extended;
        }
        return table.narrow(0, start, length);
    }

    protected override void Dispose(bool disposing)
    {
        // Non-persistent buffers are not disposed with the module's parameters and persistent buffers.
        if (disposing)
            Table.Dispose();
        base.Dispose(disposing);
    }

    /// <returns>[length, d] float32, owned by no dispose scope</returns>
    private Tensor CreateTable(long length, Device device)
    {
        using var scope = NewDisposeScope();
        var positions = arange(length, ScalarType.Float64, device).unsqueeze(1);                  // [length, 1]
        var frequencies = arange(0, modelSize, 2, ScalarType.Float64, device)
            .mul(-Math.Log(10000.0) / modelSize).exp();                                          // [d/2]
        var angles = positions * frequencies;                                                     // [length, d/2]
        var table = stack([angles.sin(), angles.cos()], dim: 2)                                  // [length, d/2, 2]
            .view(length, modelSize)                                                              // [length, d]
            .to(ScalarType.Float32);
        return table.DetachFromDisposeScope();
    }
}
