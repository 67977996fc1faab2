namespace Gateway.SelfTest;

/// <summary>Where results go: the serial console (Debug.WriteLine / Console) on a board, stdout on a PC.</summary>
public interface ITestOutput
{
    void Line(string text);
}
