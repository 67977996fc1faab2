namespace Gateway.Firmware.Boot;

/// <summary>
/// The fallback only: the configuration and CA normally reach the board's flash by nanoff's file deployment
/// (`gateway board provision`, README step 2), with nothing secret in the source. When I:\gateway.conf is
/// missing, or was written from here with an older <see cref="ConfigVersion"/>, <see cref="ConfigText"/> is
/// written there (a deployed file is never replaced); "embedded" as smtp.ca / pop3.ca means <see cref="CaPem"/>.
/// If you fill these in, keep the filled-in copy out of version control: it holds passwords.
/// </summary>
public static class Provisioning
{
    /// <summary>Raise this with every change to <see cref="ConfigText"/>: the board then replaces its copy.</summary>
    public const int ConfigVersion = 1;

    public const string ConfigText = "";

    public const string CaPem = "";
}
