using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using Seq2Seq.Data;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Writes and reads attention matrices per sentence, atomically (temporary file + rename).
/// </summary>
/// <remarks>
/// <para>CSV (RFC 4180, UTF-8, '\n' line ends): the header row is an empty cell followed by the source tokens; then one
/// row per target token: the token, then its weights. Numbers use the invariant culture and the shortest text that
/// round-trips the float. The CSV carries no metadata.</para>
/// <para>JSON: <c>{"matrices": [{"model", "layer", "head", "convention", "sourceTokens", "targetTokens", "weights"}]}</c>
/// with <c>layer</c>/<c>head</c> 0-based or null, <c>convention</c> <c>"naive"</c>, <c>"shifted"</c> or null, and
/// <c>weights</c> a list of rows (one per target token). One file holds all matrices of a sentence (every model,
/// layer, head and convention).</para>
/// </remarks>
public static class AlignmentMatrixExport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Tokens stay readable (é, «, </s>); the files are data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Writes <paramref name="matrix"/> (tokens and weights) as CSV.</summary>
    public static void WriteCsv(string path, AlignmentMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, temporary =>
        {
            using var csv = CsvWriter.ToFile(temporary, new CsvWriterOptions { NewLine = "\n" });
            csv.WriteRecord(["", .. matrix.SourceTokens]);
            for (int t = 0; t < matrix.TargetTokens.Count; t++)
            {
                csv.WriteField(matrix.TargetTokens[t]);
                for (int s = 0; s < matrix.SourceTokens.Count; s++)
                    csv.WriteField(matrix.Weights[t, s].ToString("R", CultureInfo.InvariantCulture));
                csv.EndRecord();
            }
        });
    }

    /// <summary>Reads a CSV written by <see cref="WriteCsv"/>; the metadata of the result is empty.</summary>
    /// <exception cref="UserException">The file is missing or not such a matrix (the message names file and line).</exception>
    public static AlignmentMatrix ReadCsv(string path)
    {
        if (!File.Exists(path))
            throw new UserException($"{path}: attention matrix file not found");
        List<string>? sourceTokens = null;
        var targetTokens = new List<string>();
        var rows = new List<float[]>();
        using (var csv = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true }))
        {
            while (csv.Read())
            {
                string where = $"{path}:{csv.LineNumber}";
                if (sourceTokens is null)
                {
                    if (csv.FieldCount < 1 || csv.GetString(0).Length != 0)
                        throw new UserException($"{where}: expected a header row of an empty cell and the source tokens");
                    sourceTokens = [.. Enumerable.Range(1, csv.FieldCount - 1).Select(csv.GetString)];
                    continue;
                }
                if (csv.FieldCount != sourceTokens.Count + 1)
                    throw new UserException(
                        $"{where}: expected a target token and {sourceTokens.Count} weights, found {csv.FieldCount} fields");
                targetTokens.Add(csv.GetString(0));
                var row = new float[sourceTokens.Count];
                for (int s = 0; s < row.Length; s++)
                {
                    if (!float.TryParse(csv.GetString(s + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out row[s]))
                        throw new UserException($"{where}: field {s + 2} '{csv.GetString(s + 1)}' is not a number");
                }
                rows.Add(row);
            }
        }
        if (sourceTokens is null)
            throw new UserException($"{path}: empty file, expected a header row of an empty cell and the source tokens");
        return new AlignmentMatrix(sourceTokens, targetTokens, ToRectangular(rows, sourceTokens.Count));
    }

    /// <summary>Writes one sentence's matrices, with their metadata, as JSON.</summary>
    public static void WriteJson(string path, IReadOnlyList<AlignmentMatrix> matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        var document = new JsonDocumentDto(matrices.Select(m => new JsonMatrixDto(
            m.Model, m.Layer, m.Head, m.Convention, m.SourceTokens, m.TargetTokens, ToJagged(m.Weights))).ToList());
        AtomicFile.Write(path, temporary =>
        {
            using FileStream stream = File.Create(temporary);
            JsonSerializer.Serialize(stream, document, JsonOptions);
        });
    }

    /// <summary>Reads the matrices of a JSON file written by <see cref="WriteJson"/>.</summary>
    /// <exception cref="UserException">The file is missing, is not JSON of that shape, or a matrix's sizes disagree.</exception>
    public static IReadOnlyList<AlignmentMatrix> ReadJson(string path)
    {
        if (!File.Exists(path))
            throw new UserException($"{path}: attention matrix file not found");
        JsonDocumentDto? document;
        try
        {
            using FileStream stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize<JsonDocumentDto>(stream, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new UserException($"{path}: not an attention matrix file ({e.Message.Split('\n')[0]})", e);
        }
        if (document?.Matrices is null)
            throw new UserException($"{path}: expected an object with a \"matrices\" list");

        var matrices = new List<AlignmentMatrix>(document.Matrices.Count);
        for (int i = 0; i < document.Matrices.Count; i++)
        {
            JsonMatrixDto dto = document.Matrices[i];
            if (dto.SourceTokens is null || dto.TargetTokens is null || dto.Weights is null
                || dto.Weights.Count != dto.TargetTokens.Count
                || dto.Weights.Any(row => row is null || row.Length != dto.SourceTokens.Count))
                throw new UserException(
                    $"{path}: matrix {i}: expected sourceTokens, targetTokens and one weight row per target token " +
                    "with one weight per source token");
            matrices.Add(new AlignmentMatrix(dto.SourceTokens, dto.TargetTokens,
                ToRectangular(dto.Weights, dto.SourceTokens.Count))
            {
                Model = dto.Model ?? "",
                Layer = dto.Layer,
                Head = dto.Head,
                Convention = dto.Convention,
            });
        }
        return matrices;
    }

    private static float[][] ToJagged(float[,] weights)
    {
        var rows = new float[weights.GetLength(0)][];
        for (int t = 0; t < rows.Length; t++)
        {
            rows[t] = new float[weights.GetLength(1)];
            for (int s = 0; s < rows[t].Length; s++)
                rows[t][s] = weights[t, s];
        }
        return rows;
    }

    private static float[,] ToRectangular(IReadOnlyList<float[]> rows, int columns)
    {
        var weights = new float[rows.Count, columns];
        for (int t = 0; t < rows.Count; t++)
            for (int s = 0; s < columns; s++)
                weights[t, s] = rows[t][s];
        return weights;
    }

    private sealed record JsonDocumentDto(List<JsonMatrixDto>? Matrices);

    private sealed record JsonMatrixDto(
        string? Model,
        int? Layer,
        int? Head,
        AttentionConvention? Convention,
        IReadOnlyList<string>? SourceTokens,
        IReadOnlyList<string>? TargetTokens,
        IReadOnlyList<float[]>? Weights);
}
