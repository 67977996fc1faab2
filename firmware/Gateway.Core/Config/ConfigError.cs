using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>
/// One problem in a configuration file: where (line, key) and what. The message never holds the
/// value of a secret key, nor the text of a line that could not be split into key and value.
/// </summary>
public sealed class ConfigError
{
    public ConfigError(int line, string key, string message)
    {
        Line = line;
        Key = key;
        Message = message;
    }

    /// <summary>The 1-based line, or 0 when the error is about the file as a whole (a missing key).</summary>
    public int Line { get; }

    /// <summary>The key concerned, or "" when the line has no usable key.</summary>
    public string Key { get; }

    /// <summary>What is wrong, without the line and key.</summary>
    public string Message { get; }

    /// <summary>For example <c>line 7: smtp.port: "70000" is not a port (1-65535)</c>.</summary>
    public override string ToString()
    {
        string where = Line > 0 ? "line " + Ascii.FromInt(Line) + ": " : "";
        return Key.Length > 0 ? where + Key + ": " + Message : where + Message;
    }
}
