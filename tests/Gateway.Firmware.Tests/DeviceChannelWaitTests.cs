using System.Security.Cryptography.X509Certificates;
using Gateway.Core.Net;
using Gateway.Firmware.Net;
using nanoFramework.TestFramework;

namespace Gateway.Firmware.Tests;

/// <summary>
/// DeviceChannel.WaitForData on the board against the rig's Dovecot IMAPS: what IMAP IDLE rests on.
/// Socket.Poll and SslStream.DataAvailable are only real on a board (the nanoCLR has no sockets).
/// </summary>
[TestClass]
public class DeviceChannelWaitTests
{
    static void RequireServer()
    {
        if (TestSettings.TlsHost.Length == 0 || TestSettings.CaPem.Length == 0 || TestSettings.ImapPassword.Length == 0)
            Assert.SkipTest("TestSettings.TlsHost, CaPem and ImapPassword are not set");
    }

    static IChannel Open()
    {
        var channel = new DeviceConnector(new X509Certificate(TestSettings.CaPem), null)
            .Connect(TestSettings.TlsHost, TestSettings.ImapsPort, TlsMode.Implicit, 20000);
        Assert.IsTrue(((IWaitableChannel)channel).WaitForData(10000), "no greeting within 10 s");
        ReadLine(channel); // * OK [CAPABILITY ...] Dovecot ready.
        return channel;
    }

    static void Send(IChannel channel, string line)
    {
        var bytes = new byte[line.Length + 2];
        for (int i = 0; i < line.Length; i++) bytes[i] = (byte)line[i];
        bytes[line.Length] = 13;
        bytes[line.Length + 1] = 10;
        channel.Write(bytes, 0, bytes.Length);
    }

    /// <summary>Reads one line a byte at a time (so nothing after it is consumed).</summary>
    static string ReadLine(IChannel channel)
    {
        var one = new byte[1];
        string line = "";
        while (channel.Read(one, 0, 1) == 1 && one[0] != 10)
            if (one[0] != 13) line += ((char)one[0]).ToString();
        return line;
    }

    [TestMethod]
    public void A_quiet_connection_waits_the_whole_time_and_says_false()
    {
        RequireServer();
        var channel = Open();
        try
        {
            var started = System.DateTime.UtcNow;
            Assert.IsTrue(!((IWaitableChannel)channel).WaitForData(1500), "data on a quiet connection");
            long waited = (System.DateTime.UtcNow - started).Ticks / System.TimeSpan.TicksPerMillisecond;
            Assert.IsTrue(waited >= 1400, "returned after " + waited.ToString() + " ms");
        }
        finally
        {
            channel.Close();
        }
    }

    [TestMethod]
    public void Idle_waits_quietly_and_the_answer_to_done_ends_the_wait()
    {
        RequireServer();
        var channel = Open();
        try
        {
            Send(channel, "a1 LOGIN \"" + TestSettings.ImapUser + "\" \"" + TestSettings.ImapPassword + "\"");
            Assert.IsTrue(ReadLine(channel).IndexOf("a1 OK") == 0, "login refused");
            Send(channel, "a2 SELECT INBOX");
            string line;
            while ((line = ReadLine(channel)).IndexOf("a2 ") != 0)
                Assert.IsTrue(line.Length > 0, "the connection closed during SELECT");
            Send(channel, "a3 IDLE");
            Assert.IsTrue(ReadLine(channel).IndexOf("+") == 0, "IDLE not accepted");
            var waitable = (IWaitableChannel)channel;
            Assert.IsTrue(!waitable.WaitForData(2000), "data while idling on an unchanged folder");
            Send(channel, "DONE");
            Assert.IsTrue(waitable.WaitForData(10000), "no answer to DONE");
            Assert.IsTrue(ReadLine(channel).IndexOf("a3 OK") == 0, "DONE not answered OK");
        }
        finally
        {
            channel.Close();
        }
    }

    [TestMethod]
    public void Bytes_mbedtls_already_decrypted_count_as_data_the_socket_poll_cannot_see()
    {
        RequireServer();
        var channel = Open();
        try
        {
            // Two answers in one flight: once the first line is read, the rest sits decrypted in mbedTLS.
            Send(channel, "a1 NOOP\r\na2 NOOP");
            Assert.IsTrue(ReadLine(channel).IndexOf("a1 OK") == 0, "NOOP not answered");
            Assert.IsTrue(((IWaitableChannel)channel).WaitForData(0), "the buffered answer was not seen");
            Assert.IsTrue(ReadLine(channel).IndexOf("a2 OK") == 0, "the second answer is not next");
        }
        finally
        {
            channel.Close();
        }
    }
}
