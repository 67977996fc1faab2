using Gateway.Core.Config;
using static Gateway.Core.Tests.Config.ConfigTestText;

namespace Gateway.Core.Tests.Config;

/// <summary>A secret's value never leaves the configuration: not in errors, not in dumps.</summary>
public class ConfigSecretTests
{
    // Distinctive text: if any part of it is printed, these tests see it.
    const string Secret = "Xyzzy#Pl0ugh=42";
    const string Marker = "Xyzzy";
    static readonly string SecretKeyBase64 = Convert.ToBase64String("Xyzzy-command-key-32-bytes-long!"u8.ToArray());

    public static TheoryData<string> SecretKeys()
    {
        var data = new TheoryData<string>();
        foreach (var k in GatewaySchema.Instance.Keys)
            if (k.IsSecret) data.Add(k.Name);
        return data;
    }

    [Fact]
    public void Passwords_tokens_and_the_command_key_are_secret()
    {
        var secret = GatewaySchema.Instance.Keys.Where(k => k.IsSecret).Select(k => k.Name).ToArray();
        Assert.Equal(new[] { "smtp.password", "smtp.token", "pop3.password", "pop3.token", "imap.password", "imap.token", "command.key" }, secret);
    }

    [Fact]
    public void Every_key_named_like_a_secret_is_secret()
    {
        foreach (var k in GatewaySchema.Instance.Keys)
            Assert.True(k.IsSecret == ConfigSchema.LooksSecret(k.Name), k.Name);
    }

    [Fact]
    public void Key_named_like_a_secret_is_secret_even_if_the_table_forgets()
    {
        var schema = new ConfigSchema("relay.*.password | text | | | | a password\nmqtt.token | text | | | | a token\n");
        Assert.True(schema.Find("relay.x.password")!.IsSecret);
        Assert.True(schema.Find("mqtt.token")!.IsSecret);
    }

    /// <summary>A key of the command-mail groups (pop3.*, imap.*): it needs the group's host and user.</summary>
    static bool MailKey(string key) => key.StartsWith("pop3.", StringComparison.Ordinal) || key.StartsWith("imap.", StringComparison.Ordinal);

    /// <summary>Configurations where the secret key's own line is wrong, or other lines are, or both.</summary>
    static string[] Cases(string key)
    {
        string value = key == "command.key" ? SecretKeyBase64 : Secret;
        string other = MailKey(key)
            ? key[..5] + "host = pop.example.org\n" + key[..5] + "user = u\ncommand.key = " + ConfigValueTests.Key16 + "\n"
            : key == "command.key" ? "" : key.Substring(0, 4) + ".user = u\n";
        string good = Minimal + other + key + " = " + value + "\n";
        return new[]
        {
            // An error on the secret's line: a value the kind refuses (a control character; for the key, bad base64).
            Minimal + other + key + " = " + value + "\u0007\n",
            Minimal + other + key + " = " + (key == "command.key" ? Marker + "!!not-base64" : value + "\u001b") + "\n",
            // Too short a key (base64 that decodes to 12 bytes).
            Minimal + other + key + " = " + (key == "command.key" ? "WHl6enlYeXp6eVh5" : value) + "\nsmtp.port = x\n",
            // A secret with nothing it needs (user, pop3.host), and an error elsewhere.
            Minimal + key + " = " + value + "\nsmtp.port = x\n",
            // Set twice.
            good + key + " = " + value + "-2\n",
            // Good secret line, errors elsewhere.
            good + "smtp.port = 70000\nsmtp.tls = ssl\nbogus.key = " + value + "\n",
            // A secret on a line without '=', after its key or alone.
            good.Replace(key + " = ", key + " "),
            good.Replace(key + " = ", key + ": "),
            Minimal + other + value + "\n",
            // The secret inside a malformed key, and under a misspelt key.
            Minimal + other + key + " " + value + " = x\n",
            Minimal + other + key.Replace(".", ".x") + " = " + value + "\n",
            Minimal + other + key.Substring(0, key.Length - 1) + " = " + value + "\n",
            // Both: the secret's line and another are wrong.
            Minimal + key + " = " + value + "\u0007\nsmtp.port = 0\n",
        };
    }

    [Theory]
    [MemberData(nameof(SecretKeys))]
    public void Secret_value_appears_in_no_error_text(string key)
    {
        string value = key == "command.key" ? SecretKeyBase64 : Secret;
        foreach (var text in Cases(key))
        {
            var result = Parse(text);
            Assert.False(result.IsValid, "expected errors for:\n" + text);
            AssertHidden(result.ToString(), value, text);
            foreach (var e in result.Errors)
            {
                AssertHidden(e.ToString(), value, text);
                AssertHidden(e.Message, value, text);
                AssertHidden(e.Key, value, text);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SecretKeys))]
    public void Secret_error_still_names_line_and_key(string key)
    {
        string other = MailKey(key)
            ? key[..5] + "host = pop.example.org\n" + key[..5] + "user = u\ncommand.key = " + ConfigValueTests.Key16 + "\n"
            : key == "command.key" ? "" : key.Substring(0, 4) + ".user = u\n";
        int line = 5 + other.Count(c => c == '\n');
        var error = SingleError(Minimal + other + key + " = " + Secret + "\u0007\n", line, key);
        Assert.Contains("the value", error.Message);
    }

    [Theory]
    [MemberData(nameof(SecretKeys))]
    public void Secret_value_is_masked_in_the_dump(string key)
    {
        string value = key == "command.key" ? SecretKeyBase64 : Secret;
        string other = MailKey(key)
            ? key[..5] + "host = pop.example.org\n" + key[..5] + "user = u\n" + (key == "command.key" ? "" : "command.key = " + ConfigValueTests.Key16 + "\n")
            : key == "command.key" ? "" : key.Substring(0, 4) + ".user = u\n";
        var config = ParseGood(Minimal + other + key + " = " + value + "\n");
        Assert.Equal(value, config.GetString(key)); // the program itself gets the value
        AssertHidden(config.ToMaskedText(), value, key);
        AssertHidden(config.ToString(), value, key);
        Assert.Contains(key + " = ********\n", config.ToMaskedText());
    }

    static void AssertHidden(string shown, string value, string context)
    {
        // Ignoring case: a key is shown in lower case, and a secret mistaken for a key must not be.
        Assert.False(shown.Contains(value, StringComparison.OrdinalIgnoreCase) || shown.Contains(Marker, StringComparison.OrdinalIgnoreCase)
            || shown.Contains(value.Substring(0, 12), StringComparison.OrdinalIgnoreCase),
            "secret shown in: " + shown + "\nfor input:\n" + context);
    }
}
