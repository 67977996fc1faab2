namespace Gateway.Mail.Mime;

/// <summary>The character sets the gateway decodes (in headers and bodies); anything else is Unknown.</summary>
public enum CharsetKind
{
    Unknown,
    Utf8,
    Ascii,
    Latin1,
    Windows1252,
}
