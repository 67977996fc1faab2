namespace Gateway.Firmware.Boot;

/// <summary>
/// What is compiled into the app. When I:\gateway.conf is missing, or was written from an older
/// <see cref="ConfigVersion"/>, <see cref="ConfigText"/> is written there (raise the version to replace it); "embedded" as smtp.ca / pop3.ca means <see cref="CaPem"/>. Fill both in before building
/// (README: "Write the configuration"); keep the filled-in copy out of version control, it holds passwords.
/// </summary>
public static class Provisioning
{
    /// <summary>Raise this with every change to <see cref="ConfigText"/>: the board then replaces its copy.</summary>
    public const int ConfigVersion = 1;

    public const string ConfigText = "";

    public const string CaPem = "";
}
