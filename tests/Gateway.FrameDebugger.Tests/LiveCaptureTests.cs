using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Tests.Support;

namespace Gateway.FrameDebugger.Tests;

/// <summary>
/// `framedbg --live lo`: the test makes its own TCP exchange on a loopback port while the tool captures
/// with a filter for that port, and checks the frames it saw.
/// </summary>
public class LiveCaptureTests
{
    /// <summary>Runs the tool on lo with a filter for a fresh port; once it captures, a client says one line and the server answers one.</summary>
    static (int Exit, string Out, string Err, int ClientPort, int ServerPort) CaptureExchange(int? count, double seconds, bool dialogue = false, bool json = false)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        int clientPort = 0;
        var output = new StringWriter();
        var error = new StringWriter();
        using var started = new ManualResetEventSlim();
        LiveCaptureReader? reader = null;
        var capture = Task.Run(() => FrameDebuggerCommand.RunLive("lo", $"tcp port {port}", count, seconds, null, output, error,
            json: json, dialogue: dialogue, started: r => { reader = r; started.Set(); }));
        if (started.Wait(TimeSpan.FromSeconds(10)))
        {
            var server = Task.Run(() =>
            {
                using var accepted = listener.AcceptTcpClient();
                var stream = accepted.GetStream();
                var buffer = new byte[64];
                int n = stream.Read(buffer);
                stream.Write(Encoding.ASCII.GetBytes("250 ok " + Encoding.ASCII.GetString(buffer, 0, n).Trim() + "\r\n"));
            });
            using (var client = new TcpClient())
            {
                client.Connect(IPAddress.Loopback, port);
                clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
                var stream = client.GetStream();
                stream.Write(Encoding.ASCII.GetBytes("HELO live\r\n"));
                var reply = new byte[64];
                _ = stream.Read(reply);
            }
            server.Wait(TimeSpan.FromSeconds(5));
            if (count is null)
            {
                // The exchange is over: end the capture once its last ACKs are in, rather than after a fixed
                // time that a loaded machine might not give the exchange (--seconds stays the safety limit).
                Thread.Sleep(500);
                reader!.Stop();
            }
        }
        Assert.True(capture.Wait(TimeSpan.FromSeconds(seconds + 10)), "the capture did not end");
        return (capture.Result, output.ToString(), error.ToString(), clientPort, port);
    }

    [LiveFact]
    public void Live_capture_on_lo_shows_one_line_per_frame_of_the_tests_own_tcp_exchange()
    {
        var (exit, output, error, client, server) = CaptureExchange(count: null, seconds: 30);
        Assert.True(exit == 0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Contains($"127.0.0.1:{client} > 127.0.0.1:{server}  TCP SYN seq=", lines[0]);
        Assert.Contains($"127.0.0.1:{server} > 127.0.0.1:{client}  TCP SYN ACK", lines[1]);
        Assert.Contains(lines, l => l.Contains($"127.0.0.1:{client} > 127.0.0.1:{server}  TCP PSH ACK") && l.Contains(" len=11")); // "HELO live\r\n"
        Assert.Contains(lines, l => l.Contains($"127.0.0.1:{server} > 127.0.0.1:{client}  TCP PSH ACK") && l.Contains(" len=18")); // "250 ok HELO live\r\n"
        Assert.Contains(lines, l => l.Contains("FIN"));
        Assert.All(lines, l => Assert.Contains($":{server}", l)); // the filter let nothing else through
    }

    [LiveFact]
    public void Count_stops_the_live_capture_after_that_many_frames()
    {
        var (exit, output, error, _, _) = CaptureExchange(count: 3, seconds: 10);
        Assert.True(exit == 0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains("TCP SYN seq=", lines[0]);
        Assert.Contains("TCP SYN ACK", lines[1]);
        Assert.Contains("TCP ACK", lines[2]);
    }

    [LiveFact]
    public void The_dialogue_of_a_live_capture_is_shown_after_it_ends()
    {
        var (exit, output, error, client, server) = CaptureExchange(count: null, seconds: 30, dialogue: true);
        Assert.True(exit == 0, error);
        // No mail port and no greeting: the client's HELO names the protocol.
        Assert.Contains($"SMTP 127.0.0.1:{client} -> 127.0.0.1:{server} (from frame #1)", output);
        Assert.Contains("protocol from: client command HELO (no greeting captured)", output);
        Assert.Matches(@"#\d+ C: HELO live\s+#\d+ S: 250 ok HELO live", output);
    }

    [LiveFact]
    public void Live_json_has_one_object_per_frame()
    {
        var (exit, output, error, _, server) = CaptureExchange(count: 3, seconds: 10, json: true);
        Assert.True(exit == 0, error);
        var frames = output.TrimEnd('\n').Split('\n').Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 2, 3], frames.Select(f => f.GetProperty("frame").GetInt32()));
        Assert.All(frames, f => Assert.Equal(1, f.GetProperty("linkType").GetInt32()));
    }

    [LiveFact]
    public void An_interface_that_does_not_exist_gets_one_clear_line()
    {
        var error = new StringWriter();
        int exit = FrameDebuggerCommand.RunLive("nosuch0", null, 1, 1, null, new StringWriter(), error);
        Assert.Equal(FrameDebuggerCommand.ExitUnreadable, exit);
        var lines = error.ToString().TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("framedbg: no interface \"nosuch0\" to capture on; there are: ", lines[0]);
        Assert.Contains("lo", lines[0]);
    }

    [LiveFact]
    public void A_filter_libpcap_cannot_parse_gets_one_clear_line()
    {
        var error = new StringWriter();
        int exit = FrameDebuggerCommand.RunLive("lo", "tcp port", 1, 1, null, new StringWriter(), error);
        Assert.Equal(FrameDebuggerCommand.ExitUnreadable, exit);
        Assert.StartsWith("framedbg: --filter \"tcp port\": ", error.ToString());
    }

    [LiveFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // setpriv and Unix modes: LiveFact runs only as root on Linux
    public void Without_permission_to_capture_the_error_says_what_is_needed()
    {
        // The tool itself, run as nobody (setpriv drops root), on an interface that exists. Nobody may not
        // reach the build output (a checkout under a root-only folder), so the tool runs from a copy it can read.
        var copy = NobodyCanRead(Path.Combine(Path.GetTempPath(), "framedbg-nobody-" + Guid.NewGuid().ToString("N")));
        try
        {
            foreach (var file in Directory.GetFiles(AppContext.BaseDirectory))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            File.SetUnixFileMode(Path.Combine(copy, "framedbg"), (UnixFileMode)0b111_101_101);
            var start = new System.Diagnostics.ProcessStartInfo("setpriv") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", Path.Combine(copy, "framedbg"), "--live", "lo", "--count", "1", "--seconds", "1" })
                start.ArgumentList.Add(a);
            start.Environment["HOME"] = copy;
            using var process = System.Diagnostics.Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == FrameDebuggerCommand.ExitUnreadable, $"exit {process.ExitCode}: {error}");
            Assert.Matches(@"^framedbg: cannot capture on lo: .+ \(capturing needs root, or CAP_NET_RAW and CAP_NET_ADMIN\)\n$", error.Replace("\r", ""));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    static string NobodyCanRead(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101); // rwxr-xr-x, whatever the umask
        return path;
    }
}
