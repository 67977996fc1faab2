namespace Gateway.DevMail;

/// <summary>One mailbox and its password. <see cref="ToString"/> never shows the password.</summary>
public sealed class MailUser
{
    public MailUser(string address, string password)
    {
        if (!MailStore.IsValidAddress(address))
            throw new ArgumentException($"'{address}' is not a mailbox address this server can hold (local@domain, letters, digits and . _ + -)");
        if (string.IsNullOrEmpty(password) || password.IndexOfAny(['\r', '\n', '\0']) >= 0)
            throw new ArgumentException($"the password of {address} is empty or holds a line break");
        Address = address.ToLowerInvariant();
        Password = password;
    }

    /// <summary>The address, lower case: the SMTP recipient and the POP3 login name.</summary>
    public string Address { get; }

    public string Password { get; }

    /// <summary>The part after '@': mail for this domain is accepted, mail for any other is relay and refused.</summary>
    public string Domain => Address[(Address.IndexOf('@') + 1)..];

    /// <summary>Parses "address:password" (the password may contain ':').</summary>
    public static MailUser Parse(string spec)
    {
        int colon = spec.IndexOf(':');
        if (colon <= 0 || colon == spec.Length - 1)
            throw new ArgumentException("a user is given as address:password");
        return new MailUser(spec[..colon], spec[(colon + 1)..]);
    }

    /// <summary>A random password of 16 letters and digits (about 95 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 16);
    }

    public override string ToString() => Address + " (password hidden)";
}
