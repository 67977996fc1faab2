namespace Gateway.Mail.Mime;

/// <summary>
/// <see cref="MimeFlags"/> as short words for a log line ("missing-close-boundary, invalid-base64"):
/// nanoFramework's enum ToString gives only the number.
/// </summary>
public static class MimeFlagNames
{
    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static string[]? s_names;
    static string[] Names => s_names ?? (s_names = new string[] {
        "header-without-colon", "header-truncated", "header-block-too-large", "bad-boundary",
        "missing-close-boundary", "depth-exceeded", "invalid-base64", "invalid-quoted-printable",
        "invalid-utf8", "unknown-charset", "unknown-transfer-encoding", "text-truncated", "ended-in-headers",
    });

    /// <summary>The names of the flags set, in bit order, separated by ", "; "none" when there are none.</summary>
    public static string Describe(MimeFlags flags)
    {
        if (flags == MimeFlags.None) return "none";
        string text = "";
        for (int bit = 0; bit < Names.Length; bit++)
        {
            if (((int)flags & (1 << bit)) == 0) continue;
            text = text.Length == 0 ? Names[bit] : text + ", " + Names[bit];
        }
        return text;
    }
}
