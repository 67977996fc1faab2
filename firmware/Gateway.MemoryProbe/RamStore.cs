using System.Collections;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.MemoryProbe;

/// <summary>The device's flash store kept in RAM: the outbox and the nonce journal write here.</summary>
public sealed class RamStore : IStore
{
    readonly ArrayList _names = new ArrayList();
    readonly ArrayList _data = new ArrayList();

    public byte[]? Read(string name)
    {
        int i = _names.IndexOf(name);
        return i < 0 ? null : (byte[])_data[i]!;
    }

    public void Write(string name, byte[] data)
    {
        int i = _names.IndexOf(name);
        if (i >= 0)
        {
            _data[i] = data;
            return;
        }
        _names.Add(name);
        _data.Add(data);
    }

    public void Delete(string name)
    {
        int i = _names.IndexOf(name);
        if (i < 0) return;
        _names.RemoveAt(i);
        _data.RemoveAt(i);
    }

    public string[] List(string prefix)
    {
        var found = new ArrayList();
        for (int i = 0; i < _names.Count; i++)
        {
            var name = (string)_names[i]!;
            if (Ascii.StartsWith(name, prefix)) found.Add(name);
        }
        return (string[])found.ToArray(typeof(string));
    }
}
