namespace Gateway.Core.Config;

/// <summary>
/// Whose configuration a file is (its <c>role</c> key): the gateway's own, or the operator's, whose tools
/// sign commands and mail them to the device. Each role takes its own keys (the schema's flags say which)
/// and requires its own.
/// </summary>
public enum ConfigRole
{
    /// <summary>The gateway: alerts, sensors, rules, commands read from its mailbox. The default.</summary>
    Device = 0,

    /// <summary>The operator: device.id, command.key and command.to of the device, the operator's own SMTP account and its POP3 mailbox for replies.</summary>
    Operator = 1,
}
