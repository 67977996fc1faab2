using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Host.Net;
using Gateway.Mail.Mime;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.DevMail.Tests;

/// <summary>The device's own SMTP and POP3 clients, with the host's socket glue, against the mailbox.</summary>
public sealed class CoreClientTests
{
    [Fact]
    public async Task The_gateway_smtp_client_delivers_over_starttls_trusting_the_printed_ca_file()
    {
        await using var box = await TestMailbox.StartAsync();
        var client = new SmtpClient(new SocketConnector(new TlsTrust(box.Server.CaPemPath)), new SmtpOptions
        {
            Host = "localhost",
            Port = box.Server.SmtpPort,
            Tls = TlsMode.StartTls,
            User = TestMailbox.Device,
            Password = TestMailbox.DevicePassword,
            HeloName = "device.gateway.local",
            TimeoutMs = 15_000,
        });
        var message = new OutgoingMessage
        {
            From = TestMailbox.Device,
            To = [TestMailbox.Ops],
            Subject = "temperature high",
            Body = "31.2 °C\r\n.\r\nend",
            MessageId = Guid.NewGuid().ToString("N") + "@device.gateway.local",
            DateUtc = DateTime.UtcNow,
            AutoSubmitted = true,
        };
        client.Connect();
        Assert.True(client.IsEncrypted);
        var bytes = MessageComposer.Compose(message, (client.Capabilities & SmtpCapabilities.EightBitMime) != 0, out var encoding);
        var result = client.Send(message.From, message.To, bytes, 0, bytes.Length, encoding == BodyEncoding.EightBit);
        client.Quit();

        Assert.Equal(250, result.FinalReply.Code);
        var stored = Assert.Single(box.Server.Store.List(TestMailbox.Ops));
        Assert.Equal(message.MessageId, stored.MessageId);
        var text = Encoding.UTF8.GetString(box.Server.Store.Read(stored)!);
        Assert.EndsWith(Encoding.UTF8.GetString(bytes), text); // exactly as composed, after our Received lines
    }

    [Fact]
    public async Task The_gateway_pop3_client_reads_and_deletes_over_implicit_tls_trusting_the_printed_ca_file()
    {
        await using var box = await TestMailbox.StartAsync();
        var id = box.Submit(TestMailbox.Device, "relay1 on", "line one\r\n.\r\n.dot");
        var stored = box.Server.Store.List(TestMailbox.Device)[0];
        var client = new Pop3Client(new SocketConnector(new TlsTrust(box.Server.CaPemPath)), new Pop3Options
        {
            Host = "localhost",
            Port = box.Server.Pop3sPort!.Value,
            Tls = TlsMode.Implicit,
            User = TestMailbox.Device,
            Password = TestMailbox.DevicePassword,
            TimeoutMs = 15_000,
        });
        client.Connect();
        Assert.True(client.IsEncrypted);
        var uid = Assert.Single(client.ListUids(10));
        Assert.Equal(stored.Uidl, uid.Uid);
        var sink = new Lines();
        Assert.Equal(stored.Size, client.Retrieve(1, sink, 1 << 20));
        Assert.Contains("Message-Id: <" + id + ">", sink.All, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["line one", ".", ".dot"], sink.All.Skip(sink.All.IndexOf("") + 1));
        client.Delete(1);
        Assert.True(client.Quit());
        Assert.Empty(box.Server.Store.List(TestMailbox.Device));
    }

    sealed class Lines : ILineSink
    {
        public readonly List<string> All = [];

        public void Line(byte[] buffer, int offset, int count) => All.Add(Encoding.UTF8.GetString(buffer, offset, count));
    }
}
