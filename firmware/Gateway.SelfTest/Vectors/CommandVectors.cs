using System;
using Gateway.App.Commands;
using Gateway.Core.Crypto;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Signing;

namespace Gateway.SelfTest.Vectors;

/// <summary>SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 4231) and command authentication.</summary>
public static class CommandVectors
{
    static DateTime T0 => new DateTime(2026, 11, 27, 8, 0, 0);
    static byte[] Key => Bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    static byte[] Bytes(string hex)
    {
        var b = new byte[hex.Length / 2];
        for (int i = 0; i < b.Length; i++) b[i] = (byte)(Ascii.HexValue(hex[2 * i]) * 16 + Ascii.HexValue(hex[2 * i + 1]));
        return b;
    }

    static byte[] Repeat(byte value, int count)
    {
        var b = new byte[count];
        for (int i = 0; i < count; i++) b[i] = value;
        return b;
    }

    /// <summary>A store in memory, the device's flash stand-in for one vector.</summary>
    sealed class RamStore : IStore
    {
        readonly System.Collections.ArrayList _names = new System.Collections.ArrayList();
        readonly System.Collections.ArrayList _data = new System.Collections.ArrayList();
        public byte[]? Read(string name) { int i = _names.IndexOf(name); return i < 0 ? null : (byte[])_data[i]!; }
        public void Write(string name, byte[] data) { int i = _names.IndexOf(name); if (i < 0) { _names.Add(name); _data.Add(data); } else _data[i] = data; }
        public void Delete(string name) { int i = _names.IndexOf(name); if (i >= 0) { _names.RemoveAt(i); _data.RemoveAt(i); } }
        public string[] List(string prefix) => new string[0];
    }

    static VerifyResult Verify(string mail, string device, DateTime now, NonceJournal journal) =>
        new CommandVerifier(Key, device, 600000).Verify(CommandBlock.Parse(mail), now, journal);

    static string Sign(string[] commands, DateTime at, byte nonceByte) => CommandSigner.Sign(commands, "dev-1", at, Repeat(nonceByte, 16), Key);

    public static void Run(SelfTestRunner t)
    {
        t.Test("sha-256 of \"abc\" (FIPS 180-4)", () =>
            t.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Md5.ToHex(Sha256.Hash(Utf8.GetBytes("abc")))));
        t.Test("sha-256 of the 448-bit message (FIPS 180-4)", () =>
            t.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Md5.ToHex(Sha256.Hash(Utf8.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))));
        t.Test("sha-256 of the empty message", () =>
            t.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Md5.ToHex(Sha256.Hash(new byte[0]))));
        t.Test("hmac-sha256 RFC 4231 case 1", () =>
            t.Equal("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                Md5.ToHex(HmacSha256.Compute(Repeat(0x0b, 20), Utf8.GetBytes("Hi There")))));
        t.Test("hmac-sha256 RFC 4231 case 2", () =>
            t.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Md5.ToHex(HmacSha256.Compute(Utf8.GetBytes("Jefe"), Utf8.GetBytes("what do ya want for nothing?")))));
        t.Test("hmac-sha256 RFC 4231 case 6 (a key longer than a block)", () =>
            t.Equal("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                Md5.ToHex(HmacSha256.Compute(Repeat(0xaa, 131), Utf8.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First")))));
        t.Test("command: a signed block is accepted once, its replay refused", () =>
        {
            var journal = NonceJournal.Open(new RamStore(), 600000, T0, NullLog.Instance);
            var mail = "hello\n" + Sign(new[] { "relay relay1 on" }, T0, 1);
            var first = Verify(mail, "dev-1", T0.AddMinutes(1), journal);
            t.True(first.Accepted, first.Reason);
            journal.Record(CommandBlock.Parse(mail).Auth!.Nonce, T0, T0.AddMinutes(1));
            var again = Verify(mail, "dev-1", T0.AddMinutes(2), journal);
            t.True(again.Outcome == VerifyOutcome.Replayed, again.Reason);
        });
        t.Test("command: a forged MAC is refused", () =>
        {
            var journal = NonceJournal.Open(new RamStore(), 600000, T0, NullLog.Instance);
            var signed = Sign(new[] { "relay relay1 on" }, T0, 2);
            int at = Ascii.IndexOf(signed, "relay relay1 on", 0);
            var mail = signed.Substring(0, at) + "relay relay1 off" + signed.Substring(at + 15); // nano has no string.Replace
            t.True(Verify(mail, "dev-1", T0, journal).Outcome == VerifyOutcome.BadSignature, "bad signature");
        });
        t.Test("command: an expired timestamp is refused", () =>
        {
            var journal = NonceJournal.Open(new RamStore(), 600000, T0, NullLog.Instance);
            var mail = Sign(new[] { "status" }, T0, 3);
            t.True(Verify(mail, "dev-1", T0.AddMinutes(11), journal).Outcome == VerifyOutcome.Expired, "expired");
        });
        t.Test("command: a block for another device is refused", () =>
        {
            var journal = NonceJournal.Open(new RamStore(), 600000, T0, NullLog.Instance);
            var mail = Sign(new[] { "status" }, T0, 4);
            t.True(Verify(mail, "dev-2", T0, journal).Outcome == VerifyOutcome.WrongDevice, "wrong device");
        });
        t.Test("command: parser reads relay, get, set and refuses nonsense", () =>
        {
            t.True(CommandParser.Parse("  RELAY relay1 On ").Kind == CommandKind.Relay, "relay");
            t.True(CommandParser.Parse("get pop3.interval").Kind == CommandKind.Get, "get");
            t.True(CommandParser.Parse("frobnicate").Error.Length > 0, "an unknown command is an error line");
        });
    }
}
