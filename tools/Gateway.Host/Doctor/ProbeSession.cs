using Gateway.Core.Text;
using Gateway.Host.Net;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// The state one server's checks share: the connection, its line reader and writer, and what the
/// earlier steps learned (addresses, greeting, capabilities). Each check reads and adds to it.
/// </summary>
public sealed class ProbeSession(DoctorTarget target)
{
    public DoctorTarget Target { get; } = target;
    public System.Net.IPAddress[] Addresses { get; set; } = [];
    public SocketChannel? Channel { get; private set; }
    public LineReader Lines { get; } = new(4096);
    public LineWriter Writer { get; } = new(4096);
    public string Greeting { get; set; } = "";
    public long GreetingMs { get; set; }
    public DateTimeOffset? ServerTime { get; set; }
    public string[] Capabilities { get; set; } = [];
    public bool TlsFailed { get; set; }

    public void Attach(SocketChannel channel)
    {
        Channel = channel;
        Lines.Attach(channel);
        Writer.Attach(channel);
    }

    public void Send(string line)
    {
        Writer.WriteLine(line);
        Writer.Flush();
    }

    public SmtpReply ReadSmtp(SmtpStage stage) => new SmtpReplyReader(Lines).Read(stage);

    /// <summary>One POP3 status line ("+OK ..." / "-ERR ..."), or a line that is neither.</summary>
    public string ReadPop3Line() => Lines.ReadLineText() ?? throw new IOException("the server closed the connection");

    public bool HasCapability(string name) =>
        Capabilities.Any(c => c.Equals(name, StringComparison.OrdinalIgnoreCase) || c.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase));

    /// <summary>The SASL mechanisms offered (SMTP "AUTH X Y", POP3 "SASL X Y").</summary>
    public string[] Mechanisms()
    {
        var keyword = Target.IsSmtp ? "AUTH" : "SASL";
        return Capabilities
            .Where(c => c.StartsWith(keyword + " ", StringComparison.OrdinalIgnoreCase) || c.StartsWith(keyword + "=", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Substring(keyword.Length + 1).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(m => m.ToUpperInvariant())
            .Distinct()
            .ToArray();
    }

    public void Close()
    {
        Channel?.Close();
        Channel = null;
    }
}
