namespace Gateway.Core.Text;

/// <summary>
/// Takes a message from RETR or TOP as it arrives, a line at a time, so it never has to be held whole.
/// The bytes are the line without its CRLF and with the stuffed dot removed; they are valid only during
/// the call (they are the client's line buffer). A sink that throws ends the session (the rest of the
/// message is still on the wire).
/// </summary>
public interface ILineSink
{
    void Line(byte[] buffer, int offset, int count);
}
