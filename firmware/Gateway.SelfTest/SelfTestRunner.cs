using System;
using Gateway.Core.Text;

namespace Gateway.SelfTest;

/// <summary>
/// Runs named checks, each guarded: an exception is a failure printed with its type and message
/// (on the device an unhandled exception prints nothing at all). Prints one line per test and a
/// last line "N passed, N failed". Needs only mscorlib, so it runs on nanoFramework as on .NET.
/// </summary>
public sealed class SelfTestRunner
{
    readonly ITestOutput _out;
    string _current = "";
    bool _currentFailed;
    string _why = "";

    public SelfTestRunner(ITestOutput output)
    {
        _out = output;
    }

    public int Passed { get; private set; }
    public int Failed { get; private set; }

    /// <summary>Runs one test; it passes when it neither throws nor fails a check.</summary>
    public void Test(string name, Action body)
    {
        _current = name;
        _currentFailed = false;
        _why = "";
        try
        {
            body();
        }
        catch (Exception e)
        {
            Fail(e.GetType().Name + ": " + e.Message);
        }
        if (_currentFailed)
        {
            Failed++;
            _out.Line("FAIL " + name + ": " + _why);
        }
        else
        {
            Passed++;
            _out.Line("ok   " + name);
        }
    }

    public void True(bool condition, string what)
    {
        if (!condition) Fail(what);
    }

    public void Equal(string expected, string actual)
    {
        if (expected != actual) Fail("expected \"" + Show(expected) + "\", got \"" + Show(actual) + "\"");
    }

    public void Equal(long expected, long actual)
    {
        if (expected != actual) Fail("expected " + Ascii.FromInt(expected) + ", got " + Ascii.FromInt(actual));
    }

    public void Bytes(byte[] expected, byte[] actual, int actualCount)
    {
        bool same = expected.Length == actualCount;
        for (int i = 0; same && i < actualCount; i++) same = expected[i] == actual[i];
        if (!same) Fail("bytes differ: expected " + Hex(expected, expected.Length) + ", got " + Hex(actual, actualCount));
    }

    /// <summary>Passes when <paramref name="body"/> throws an exception whose type name is <paramref name="typeName"/> (or derives from it).</summary>
    public Exception? Throws(string typeName, Action body)
    {
        try
        {
            body();
        }
        catch (Exception e)
        {
            for (var t = e.GetType(); t != null; t = t.BaseType)
                if (t.Name == typeName) return e;
            Fail("expected " + typeName + ", got " + e.GetType().Name + ": " + e.Message);
            return null;
        }
        Fail("expected " + typeName + ", nothing was thrown");
        return null;
    }

    public void Fail(string why)
    {
        if (_currentFailed) return; // the first failure explains it
        _currentFailed = true;
        _why = why;
    }

    public string Summary => Ascii.FromInt(Passed) + " passed, " + Ascii.FromInt(Failed) + " failed";

    static string Show(string s) => Ascii.Excerpt(s, 120);

    static string Hex(byte[] b, int n)
    {
        const string digits = "0123456789abcdef";
        int shown = n > 48 ? 48 : n;
        var c = new char[shown * 2];
        for (int i = 0; i < shown; i++)
        {
            c[2 * i] = digits[b[i] >> 4];
            c[2 * i + 1] = digits[b[i] & 15];
        }
        return new string(c) + (n > shown ? "..." : "");
    }
}
