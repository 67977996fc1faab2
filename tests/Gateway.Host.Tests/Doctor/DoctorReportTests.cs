using Gateway.Host.Doctor;

namespace Gateway.Host.Tests.Doctor;

public class DoctorReportTests
{
    [Fact]
    public void A_step_prints_verdict_name_time_detail_lines_and_advice_indented()
    {
        var text = DoctorReport.Format(new DoctorStep("smtp tls", DoctorStatus.Fail, 12, "refused\nsubject: CN=x", "Fix it."));
        Assert.Equal("FAIL  smtp tls (12 ms): refused\n        subject: CN=x\n        advice: Fix it.", text);
    }

    [Fact]
    public void Warnings_pass_and_a_skip_or_failure_does_not()
    {
        var report = new DoctorReport();
        report.Add(new DoctorStep("a", DoctorStatus.Pass, 1, "", null));
        report.Add(new DoctorStep("b", DoctorStatus.Warn, 1, "", null));
        Assert.True(report.Passed);
        report.Add(new DoctorStep("c", DoctorStatus.Skip, 0, "", null));
        Assert.False(report.Passed);
    }
}
