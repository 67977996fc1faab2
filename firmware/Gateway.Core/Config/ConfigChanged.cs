namespace Gateway.Core.Config;

/// <summary>A key's effective value changed after the file was read (a setting changed by mail): <see cref="GatewayConfig.Changed"/>.</summary>
public delegate void ConfigChanged(string key);
