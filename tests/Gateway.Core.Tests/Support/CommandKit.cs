using Gateway.App.Commands;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Signing;

namespace Gateway.Core.Tests.Support;

/// <summary>The key, device, clock and fakes shared by the command tests.</summary>
static class CommandKit
{
    public const string Device = "boiler";
    public static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0);

    /// <summary>32 seeded bytes; the tests check that nothing derived from them leaks.</summary>
    public static readonly byte[] Key = Seeded(32, 99);

    public static readonly string ConfigText =
        "device.id = boiler\n" +
        "smtp.host = mail.example.com\n" +
        "smtp.from = boiler@example.com\n" +
        "smtp.password = smtp-secret-pw\n" +
        "smtp.user = boiler\n" +
        "alert.to = ops@example.com\n" +
        "pop3.host = pop.example.com\n" +
        "pop3.user = boiler\n" +
        "pop3.password = pop-secret-pw\n" +
        "command.key = " + Convert.ToBase64String(Key) + "\n" +
        "sensor.temp.unit = C\n" +
        "rule.hot.sensor = temp\n" +
        "rule.hot.above = 30\n";

    public static byte[] Seeded(int n, int seed)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        return b;
    }

    public static byte[] Nonce(int seed) => Seeded(CommandAuth.NonceBytes, 1000 + seed);

    public static string Sign(DateTime ts, int nonceSeed, params string[] commands) =>
        CommandSigner.Sign(commands, Device, ts, Nonce(nonceSeed), Key);

    public static string Sign(params string[] commands) => Sign(T0, 1, commands);

    public static GatewayConfig Config()
    {
        var r = GatewayConfig.Parse(ConfigText);
        Assert.True(r.IsValid, r.ToString());
        return r.Config!;
    }

    /// <summary>Every text form of the key and of MACs under it that must never show up.</summary>
    public static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(Convert.ToBase64String(Key), text);
        Assert.DoesNotContain(Convert.ToHexString(Key), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(System.Buffers.Text.Base64Url.EncodeToString(Key), text);
        Assert.DoesNotContain("smtp-secret-pw", text);
        Assert.DoesNotContain("pop-secret-pw", text);
    }
}

sealed class Relay(string name, string state = "off") : IActuator
{
    public string Name { get; } = name;
    public string State { get; private set; } = state;
    public List<string> Calls { get; } = new();
    public Action<string>? BeforeSet { get; set; }
    public Exception? Fault { get; set; }

    public void Set(string value)
    {
        BeforeSet?.Invoke(value);
        Calls.Add(value);
        if (Fault != null) throw Fault;
        State = value;
    }
}

sealed class FixedStatus : IStatusProvider
{
    public string Status() => "up 3h 2m, outbox 0, relay1 off";
}

/// <summary>A store whose writes fail (a full or broken flash).</summary>
sealed class FailingStore : IStore
{
    public byte[]? Read(string name) => null;
    public void Write(string name, byte[] data) => throw new IOException("flash write failed");
    public void Delete(string name) { }
    public string[] List(string prefix) => [];
}
