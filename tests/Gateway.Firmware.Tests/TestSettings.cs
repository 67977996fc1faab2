namespace Gateway.Firmware.Tests;

/// <summary>
/// Where the connector tests find a TLS server: the mail rig (tests/mailrig) on a laptop in the board's
/// LAN, with its CA. Fill in before running; with an empty host the TLS tests are skipped.
/// </summary>
static class TestSettings
{
    /// <summary>The laptop running the rig, e.g. 192.168.1.20 (POP3 1995 implicit TLS, 1110 STLS).</summary>
    public const string TlsHost = "";

    /// <summary>The name in the rig's server certificate, checked by the handshake.</summary>
    public const string TlsServerName = "localhost";

    public const int ImplicitPort = 1995;

    public const int StartTlsPort = 1110;

    /// <summary>The rig's IMAP with implicit TLS (Dovecot), for IDLE's wait (DeviceChannel.WaitForData).</summary>
    public const int ImapsPort = 1993;

    /// <summary>A rig user for the IMAP tests (tests/mailrig: device@gateway.test).</summary>
    public const string ImapUser = "device@gateway.test";

    /// <summary>Its password in the rig (tests/mailrig's users file); fill in with TlsHost.</summary>
    public const string ImapPassword = "";

    /// <summary>The rig's CA, /tmp/gateway-mailrig/ca.pem, pasted here.</summary>
    public const string CaPem = "";
}
