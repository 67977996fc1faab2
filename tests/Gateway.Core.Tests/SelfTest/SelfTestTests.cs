using Gateway.SelfTest;

namespace Gateway.Core.Tests.SelfTest;

/// <summary>The device's self-test, run on .NET: host and board check the same vectors.</summary>
public class SelfTestTests
{
    sealed class Lines : ITestOutput
    {
        public readonly List<string> All = [];
        public void Line(string text) => All.Add(text);
    }

    [Fact]
    public void Every_self_test_vector_passes_on_dotnet()
    {
        var output = new Lines();
        var result = SelfTests.RunAll(output);
        Assert.True(result.Failed == 0, string.Join("\n", output.All.Where(l => l.StartsWith("FAIL"))));
        Assert.True(result.Passed >= 80, $"only {result.Passed} vectors");
        Assert.Equal($"{result.Passed} passed, 0 failed", output.All[^1]);
        Assert.Equal(result.Passed + 1, output.All.Count);
    }

    [Fact]
    public void A_failing_or_throwing_vector_is_reported_not_fatal()
    {
        var output = new Lines();
        var t = new SelfTestRunner(output);
        t.Test("throws", () => throw new InvalidOperationException("boom"));
        t.Test("fails", () => t.Equal("a", "b"));
        t.Test("passes", () => t.True(true, "x"));
        Assert.Equal(2, t.Failed);
        Assert.Equal(1, t.Passed);
        Assert.Equal("FAIL throws: InvalidOperationException: boom", output.All[0]);
        Assert.Equal("FAIL fails: expected \"a\", got \"b\"", output.All[1]);
    }
}
