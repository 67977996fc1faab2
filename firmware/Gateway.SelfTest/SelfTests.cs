using Gateway.SelfTest.Vectors;

namespace Gateway.SelfTest;

/// <summary>Every vector group, in one list: the same on the device and on the host.</summary>
public static class SelfTests
{
    public static SelfTestRunner RunAll(ITestOutput output)
    {
        var t = new SelfTestRunner(output);
        TextVectors.Run(t);
        LineVectors.Run(t);
        ConfigVectors.Run(t);
        MimeVectors.Run(t);
        SmtpVectors.Run(t);
        AlertVectors.Run(t);
        Pop3Vectors.Run(t);
        ImapVectors.Run(t);
        MimeReaderVectors.Run(t);
        CommandVectors.Run(t);
        FrameVectors.Run(t);
        output.Line(t.Summary);
        return t;
    }
}
