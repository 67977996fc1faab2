namespace Gateway.Core.Net;

/// <summary>What every client does with a channel it is done with.</summary>
public static class Channels
{
    /// <summary>Closes <paramref name="channel"/> (null: nothing to do); a connection already gone is no error.</summary>
    public static void CloseQuietly(IChannel? channel)
    {
        if (channel == null) return;
        try
        {
            channel.Close();
        }
        catch (ChannelException)
        {
            // Already gone.
        }
    }
}
