using Gateway.Core.Net;

namespace Gateway.Core.Tests.Core.Net;

public sealed class AnswerDeadlineTests
{
    [Fact]
    public void A_read_may_wait_at_most_one_timeout()
    {
        var answer = new AnswerDeadline(5000, nowMs: 1000);
        Assert.Equal(5000, answer.NextReadMs(1000));
        Assert.Equal(2000, answer.NextReadMs(4000));
    }

    [Fact]
    public void A_trickle_does_not_move_the_deadline()
    {
        var answer = new AnswerDeadline(5000, nowMs: 0);
        for (long t = 1000; t <= 5000; t += 1000)
            answer.Received(1, t); // one byte a second, each within the socket timeout
        Assert.True(answer.NextReadMs(5000) <= 0);
        Assert.True(answer.HasProgress);
        Assert.Contains("the answer did not come within 5000 ms", answer.TooSlow("mail:25").Message);
        Assert.Equal(ChannelError.Timeout, answer.TooSlow("mail:25").Error);
    }

    [Fact]
    public void Each_progress_block_grants_a_new_timeout()
    {
        var answer = new AnswerDeadline(5000, nowMs: 0);
        answer.Received(AnswerDeadline.ProgressBytes - 1, 4000);
        Assert.Equal(1000, answer.NextReadMs(4000));
        answer.Received(1, 4500);
        Assert.Equal(5000, answer.NextReadMs(4500));
        Assert.False(answer.HasProgress);
    }

    [Fact]
    public void A_command_sent_restarts_the_clock_for_its_answer()
    {
        var answer = new AnswerDeadline(5000, nowMs: 0);
        answer.Received(10, 4900);
        answer.Restart(9000);
        Assert.Equal(5000, answer.NextReadMs(9000));
        Assert.False(answer.HasProgress);
    }
}
