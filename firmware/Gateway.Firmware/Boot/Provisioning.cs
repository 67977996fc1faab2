namespace Gateway.Firmware.Boot;

/// <summary>
/// What is compiled into the app for the first boot. When I:\gateway.conf is missing, <see cref="ConfigText"/>
/// is written there; "embedded" as smtp.ca / pop3.ca means <see cref="CaPem"/>. Fill both in before building
/// (README: "Write the configuration"); keep the filled-in copy out of version control, it holds passwords.
/// </summary>
public static class Provisioning
{
    public const string ConfigText = "";

    public const string CaPem = "";
}
