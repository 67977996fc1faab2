using System.Xml.Linq;
using Gateway.Core.Frames;

namespace Gateway.FrameDebugger.Tests;

public class FrameSvgTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("framedbg-svg").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    (int Exit, string Svg, string Out, string Err) Draw(string capture, int frame, bool showSecrets = false)
    {
        var path = Path.Combine(_dir, "frame.svg");
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = FrameDebuggerCommand.Run(Data(capture), frame, output, error, showSecrets: showSecrets, svgPath: path);
        return (exit, File.Exists(path) ? File.ReadAllText(path) : "", output.ToString(), error.ToString());
    }

    static List<string> Texts(XElement group) => group.Descendants(Svg + "text").Select(t => t.Value).ToList();

    [Fact]
    public void The_picture_is_well_formed_svg_with_a_box_per_layer_nested_ethernet_ip_tcp_payload()
    {
        var (exit, svg, output, _) = Draw("rig-smtp-dropped.pcap", 11);
        Assert.Equal(0, exit);
        Assert.Contains("picture of frame 11 written to", output);
        var doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        var layers = doc.Root.Elements(Svg + "g").Select(g => (string)g.Attribute("data-layer")!).ToList();
        Assert.Equal(["Ethernet", "IPv4", "TCP", "Payload"], layers);
        // Each box lies inside the one before it.
        var boxes = doc.Root.Elements(Svg + "g").Select(g => g.Element(Svg + "rect")!).Select(r =>
            (X: (int)r.Attribute("x")!, Y: (int)r.Attribute("y")!, W: (int)r.Attribute("width")!, H: (int)r.Attribute("height")!)).ToList();
        for (int i = 1; i < boxes.Count; i++)
            Assert.True(boxes[i].X > boxes[i - 1].X && boxes[i].Y > boxes[i - 1].Y
                        && boxes[i].X + boxes[i].W < boxes[i - 1].X + boxes[i - 1].W && boxes[i].Y + boxes[i].H < boxes[i - 1].Y + boxes[i - 1].H, $"box {i} is not inside box {i - 1}");
    }

    [Fact]
    public void Each_box_lists_its_fields_as_name_equals_value_and_the_payload_its_line()
    {
        var doc = XDocument.Parse(Draw("rig-smtp-dropped.pcap", 11).Svg);
        var groups = doc.Root!.Elements(Svg + "g").ToDictionary(g => (string)g.Attribute("data-layer")!);
        Assert.Contains("EtherType = IPv4", Texts(groups["Ethernet"]));
        Assert.Contains("TTL = 64", Texts(groups["IPv4"]));
        Assert.Contains("Source = 127.0.0.1", Texts(groups["IPv4"]));
        Assert.Contains("Destination port = 2525", Texts(groups["TCP"]));
        Assert.Contains("Flags = PSH ACK", Texts(groups["TCP"]));
        Assert.Contains("SMTP payload (bytes 66-93, 28 bytes)", Texts(groups["Payload"]));
        Assert.Contains("C: RCPT TO:<ops@gateway.test>", Texts(groups["Payload"]));
    }

    [Fact]
    public void Text_from_the_capture_is_escaped()
    {
        var svg = Draw("rig-smtp-dropped.pcap", 11).Svg;
        Assert.Contains("C: RCPT TO:&lt;ops@gateway.test&gt;", svg);
        Assert.DoesNotContain("<ops@", svg);
    }

    [Fact]
    public void Control_characters_a_capture_may_hold_become_dots_so_the_xml_stays_valid()
    {
        var r = new FrameLayers();
        var frame = Core.Frames.Tests.SampleFrames.All.First(s => s.Link == LinkType.Ethernet).Frame;
        FrameDecoder.Decode(frame, 0, frame.Length, LinkType.Ethernet, r);
        var doc = FrameSvg.Render(r, "heading", ["C: a\u0001b<&>"]);
        var reparsed = XDocument.Parse(doc.ToString());
        Assert.Contains(reparsed.Descendants(Svg + "text"), t => t.Value == "C: a.b<&>");
    }

    [Fact]
    public void A_password_in_the_frame_is_redacted_in_the_picture_unless_secrets_are_shown()
    {
        var hidden = Draw("rig-pop3-plain.pcap", 9).Svg;
        Assert.Contains("C: PASS ********", hidden);
        Assert.DoesNotContain("device-pass", hidden);
        Assert.Contains("C: PASS device-pass", Draw("rig-pop3-plain.pcap", 9, showSecrets: true).Svg);
    }

    [Fact]
    public void Svg_without_explain_is_refused_with_one_line()
    {
        var error = new StringWriter();
        int exit = FrameDebuggerCommand.Run(Data("rig-pop3-plain.pcap"), null, new StringWriter(), error, svgPath: Path.Combine(_dir, "x.svg"));
        Assert.Equal(FrameDebuggerCommand.ExitUsage, exit);
        Assert.Equal("framedbg: --svg needs --explain N (the frame to draw)\n", error.ToString().Replace("\r", ""));
    }
}
