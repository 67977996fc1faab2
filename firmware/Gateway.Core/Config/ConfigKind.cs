namespace Gateway.Core.Config;

/// <summary>What a configuration value is, which decides how it is checked and read.</summary>
public enum ConfigKind
{
    /// <summary>Any text without control characters (a user name, a password, a path).</summary>
    Text = 0,

    /// <summary>A name made of letters, digits, '.', '-' and '_' (1-64 chars): safe in a Message-ID or subject.</summary>
    Identifier = 1,

    /// <summary>A host name or an IP address literal: no blanks, no '/', '@', '[' or ']'.</summary>
    Host = 2,

    /// <summary>A TCP port, 1-65535.</summary>
    Port = 3,

    /// <summary>A non-negative whole number, within the key's range.</summary>
    Int = 4,

    /// <summary>true or false.</summary>
    Bool = 5,

    /// <summary>A whole number with a unit: ms, s, m or h (500ms, 30s, 5m, 1h); read in milliseconds.</summary>
    Duration = 6,

    /// <summary>none, starttls or implicit: a <see cref="Gateway.Core.Net.TlsMode"/>.</summary>
    Tls = 7,

    /// <summary>One mail address (local@domain).</summary>
    Address = 8,

    /// <summary>Mail addresses separated by commas.</summary>
    AddressList = 9,

    /// <summary>Items separated by commas, each trimmed, none empty.</summary>
    List = 10,

    /// <summary>Base64 bytes; the key's minimum is the least number of decoded bytes.</summary>
    Base64 = 11,

    /// <summary>A decimal number, optionally negative, with '.' as the point (21.5, -3): thresholds.</summary>
    Number = 12,

    /// <summary>device or operator: a <see cref="ConfigRole"/>, whose file this is.</summary>
    Role = 13,
}
