using System;

namespace Gateway.Core.Text;

/// <summary>
/// Base64 through mscorlib's Convert, made safe where the nanoFramework runtime is not:
/// Convert.ToBase64String of an empty array returns an unterminated garbage string there (seen on
/// nf-interpreter 1.17, posix build). Core code encodes through here.
/// </summary>
public static class Base64
{
    public static string Encode(byte[] data) => data.Length == 0 ? "" : Convert.ToBase64String(data);

    public static string EncodeUtf8(string text) => Encode(Utf8.GetBytes(text));
}
