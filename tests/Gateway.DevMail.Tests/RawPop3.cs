using System.Net.Sockets;
using System.Text;

namespace Gateway.DevMail.Tests;

/// <summary>A POP3 connection driven by hand, for what MailKit does not expose (TOP n m, pipelining, abuse).</summary>
sealed class RawPop3 : IDisposable
{
    readonly TcpClient _client = new();
    readonly NetworkStream _stream;
    readonly StreamReader _reader;

    public RawPop3(int port)
    {
        _client.Connect("127.0.0.1", port);
        _client.ReceiveTimeout = 10_000;
        _stream = _client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
        Greeting = ReadLine();
    }

    public string Greeting { get; }

    public string ReadLine() => _reader.ReadLine() ?? throw new IOException("the server closed the connection");

    public string Command(string line)
    {
        Send(line);
        return ReadLine();
    }

    public void Send(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        _stream.Write(bytes);
    }

    /// <summary>The lines of a multi-line reply after its status line, dot-stuffing left as sent.</summary>
    public List<string> ReadMultiline()
    {
        var lines = new List<string>();
        for (var line = ReadLine(); line != "."; line = ReadLine())
            lines.Add(line);
        return lines;
    }

    public void Login(string user, string password)
    {
        Assert.StartsWith("+OK", Command("USER " + user));
        Assert.StartsWith("+OK", Command("PASS " + password));
    }

    public void Dispose() => _client.Dispose();
}
