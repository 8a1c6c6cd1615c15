using System.Text.Json;
using System.Text.Json.Serialization;
using Seq2Seq.Data;

namespace Seq2Seq.Train.Configuration;

/// <summary>
/// Strict JSON binding for configuration files: camelCase keys, comments and trailing commas allowed, enums as
/// kebab-case strings, and every problem — an unknown key, a wrong type, malformed JSON — reported in one line that
/// names the file and the key.
/// </summary>
public static class JsonConfig
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <exception cref="UserException">naming the file and the key</exception>
    public static T Read<T>(string path)
    {
        if (!File.Exists(path))
            throw new UserException($"{path}: file not found");
        try
        {
            return Deserialize<T>(File.ReadAllText(path))
                ?? throw new UserException($"{path}: expected a JSON object, found null");
        }
        catch (JsonException e)
        {
            throw new UserException($"{path}: {Describe(e)}", e);
        }
    }

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Turns System.Text.Json's messages into "key: what was expected".</summary>
    private static string Describe(JsonException e)
    {
        string key = KeyOf(e.Path);
        string message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            int start = message.IndexOf('\'') + 1;
            string unknown = message[start..message.IndexOf('\'', start)];
            return $"unknown key '{(key.EndsWith(unknown, StringComparison.Ordinal) ? key : Join(key, unknown))}'";
        }
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            const string marker = "including: ";
            int start = message.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            string missing = message[start..].Split('\'', StringSplitOptions.RemoveEmptyEntries)[0];
            return $"missing key '{Join(key, missing)}'";
        }
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return $"{(key.Length == 0 ? "the file" : key)}: expected {Expected(message)}";
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && key.Length > 0)
            return $"{key}: a value is required (null given)";
        string line = e.LineNumber is { } n ? $"line {n + 1}: " : "";
        return $"{line}invalid JSON ({FirstSentence(message)})";
    }

    private static string Expected(string message)
    {
        const string marker = "converted to ";
        string target = message[(message.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]
            .Split(' ')[0].TrimEnd('.');
        return target switch
        {
            "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" => "an integer",
            "System.Double" or "System.Nullable`1[System.Double]" => "a number",
            "System.Boolean" => "true or false",
            "System.String" => "a string",
            _ when target.Contains("Collections", StringComparison.Ordinal) || target.EndsWith("[]", StringComparison.Ordinal) => "a list",
            _ when target.StartsWith("Seq2Seq.", StringComparison.Ordinal) && IsEnum(target) => $"one of {EnumNames(target)}",
            _ => "an object",
        };
    }

    private static bool IsEnum(string typeName) => FindType(typeName)?.IsEnum == true;

    private static string EnumNames(string typeName) => string.Join(", ",
        Enum.GetNames(FindType(typeName)!).Select(n => $"\"{JsonNamingPolicy.KebabCaseLower.ConvertName(n)}\""));

    private static Type? FindType(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);

    /// <summary>"$.training.maxSteps" → "training.maxSteps"; "$.models[1].rnn" → "models[1].rnn".</summary>
    private static string KeyOf(string? path) => (path ?? "$").TrimStart('$').TrimStart('.');

    private static string Join(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');
}
