using System.Text.Json;
using System.Threading.Channels;

namespace Gateway.Host.Web;

/// <summary>
/// The page's live feed (server-sent events): every subscriber gets its own bounded queue, so a slow
/// or vanished browser loses its oldest events instead of holding memory or the mail server's threads.
/// </summary>
public sealed class WebEvents
{
    /// <summary>Events kept per subscriber that has not read them yet; past this the oldest are dropped.</summary>
    const int QueuePerSubscriber = 256;

    readonly object _gate = new();
    readonly List<Channel<string>> _subscribers = [];

    /// <summary>A queue of "event: NAME\ndata: JSON\n\n" blocks; dispose the handle to stop receiving.</summary>
    public (ChannelReader<string> Reader, IDisposable Handle) Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(QueuePerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate) _subscribers.Add(channel);
        return (channel.Reader, new Unsubscribe(this, channel));
    }

    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    /// <summary>Sends <paramref name="data"/> as JSON under the event name <paramref name="name"/> to every subscriber.</summary>
    public void Publish(string name, object data)
    {
        var block = $"event: {name}\ndata: {JsonSerializer.Serialize(data, WebJson.Options)}\n\n";
        lock (_gate)
            foreach (var s in _subscribers)
                s.Writer.TryWrite(block);
    }

    sealed class Unsubscribe(WebEvents owner, Channel<string> channel) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate) owner._subscribers.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}
