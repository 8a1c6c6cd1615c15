using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Seq2Seq.Data;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// The configuration a model's alignments are read with: chosen on dev gold (lowest dev AER among its layers' head
/// means under both conventions), or — without dev gold — <see cref="AlignmentConfiguration.Default"/>, which is
/// used but not called chosen. Never chosen on the test set.
/// </summary>
/// <param name="Model">The model's name.</param>
/// <param name="Configuration">Layer, head (null: mean) and convention.</param>
/// <param name="Dev">Its score on dev; null when there was no dev gold (then nothing was chosen).</param>
/// <param name="Test">Its score on test; null without test gold.</param>
public sealed record ChosenAlignment(
    string Model, AlignmentConfiguration Configuration, AlignmentScore? Dev, AlignmentScore? Test)
{
    /// <summary>The file <see cref="AlignmentComparison.Run"/> writes the choices to, which <c>align</c> reads.</summary>
    public const string FileName = "chosen.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Whether the configuration was chosen on dev gold.</summary>
    public bool ChosenOnDev => Dev is not null;

    /// <summary>e.g. <c>layer 1 · mean · shifted (lowest dev AER: 31.20)</c> or <c>not chosen: no dev gold (using
    /// the default: layer 2 · mean · naive)</c>.</summary>
    public string Describe() => Dev is { } dev
        ? string.Create(CultureInfo.InvariantCulture, $"{Configuration.Describe()} (lowest dev AER: {dev.Aer:F2})")
        : $"not chosen: no dev gold (using the default: {Configuration.Describe()})";

    /// <summary>Writes the choices (model, layer, head, convention, chosenOnDev) as JSON, atomically.</summary>
    public static void Write(string path, IEnumerable<ChosenAlignment> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var dtos = choices.Select(c => new ChoiceDto(c.Model, c.Configuration.Layer, c.Configuration.Head,
            c.Configuration.Convention, c.ChosenOnDev)).ToList();
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(dtos, JsonOptions) + "\n");
    }

    /// <summary>The configuration <see cref="Write"/> recorded for <paramref name="model"/>; null when the file or
    /// the model is not there.</summary>
    /// <exception cref="UserException">the file is not such a list</exception>
    public static (AlignmentConfiguration Configuration, bool ChosenOnDev)? Read(string path, string model)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            var dtos = JsonSerializer.Deserialize<List<ChoiceDto>>(File.ReadAllText(path), JsonOptions);
            ChoiceDto? dto = dtos?.FirstOrDefault(d => d.Model == model);
            return dto is null ? null : (new AlignmentConfiguration(dto.Layer, dto.Head, dto.Convention), dto.ChosenOnDev);
        }
        catch (JsonException e)
        {
            throw new UserException($"{path}: not a list of chosen alignment configurations ({e.Message.Split('\n')[0]})", e);
        }
    }

    private sealed record ChoiceDto(string Model, int? Layer, int? Head, AttentionConvention Convention, bool ChosenOnDev);
}
