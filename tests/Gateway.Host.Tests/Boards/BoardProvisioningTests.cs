using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gateway.Host.Boards;
using Gateway.Host.Tests.Support;

namespace Gateway.Host.Tests.Boards;

public sealed class BoardProvisioningTests : IDisposable
{
    const string Password = "Pw-never-printed-7f3a";
    const string CommandKey = "c2VjcmV0LWNvbW1hbmQta2V5LW5ldmVyLXByaW50ZWQ=";

    readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("gateway-provision-");
    readonly StringWriter _output = new();
    readonly StringWriter _error = new();

    static BoardProfile Board(string name) => BoardCheckTests.Catalog.Find(name)!;

    string Out => Path.Combine(_work.FullName, "out");

    string WriteConfig(string extra)
    {
        var path = Path.Combine(_work.FullName, "board.conf");
        File.WriteAllText(path,
            "device.id = boiler\nsmtp.host = mail.example.com\nsmtp.from = boiler@example.com\nalert.to = ops@example.com\n" +
            $"smtp.user = boiler\nsmtp.password = {Password}\npop3.host = mail.example.com\npop3.user = boiler\npop3.password = {Password}\n" +
            $"command.key = {CommandKey}\ncommand.senders = ops@example.com\n" + extra);
        return path;
    }

    string WriteCa()
    {
        using var cert = TestCertificates.SelfSigned("ca.example.com");
        var path = Path.Combine(_work.FullName, "ca.pem");
        File.WriteAllText(path, cert.ExportCertificatePem());
        return path;
    }

    int Provision(string board, string config, string? ca, string? port = "/dev/ttyUSB0") =>
        BoardProvisioning.Run(Board(board), config, ca, port, Out, _output, _error);

    void AssertNoSecretPrinted()
    {
        var printed = _output.ToString() + _error.ToString();
        Assert.DoesNotContain(Password, printed);
        Assert.DoesNotContain(CommandKey, printed);
    }

    [Fact]
    public void Writes_a_nanoff_file_deployment_of_the_configuration_and_the_ca()
    {
        var config = WriteConfig("smtp.ca = I:\\ca.pem\npop3.ca = I:\\ca.pem\nrelay.pump.pin = 4\n");
        var ca = WriteCa();

        Assert.Equal(0, Provision("ESP32_LILYGO", config, ca));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "deploy.json")));
        Assert.Equal("/dev/ttyUSB0", json.RootElement.GetProperty("SerialPort").GetString());
        var files = json.RootElement.GetProperty("Files").EnumerateArray().ToArray();
        Assert.Equal(3, files.Length);
        Assert.Equal("I:\\gateway.conf", files[0].GetProperty("DestinationFilePath").GetString());
        var configCopy = files[0].GetProperty("SourceFilePath").GetString()!;
        Assert.True(Path.IsPathFullyQualified(configCopy));
        Assert.Equal(File.ReadAllBytes(config), File.ReadAllBytes(configCopy));
        // The compiled-in fallback's version file goes, so the deployed configuration wins from now on.
        Assert.Equal("I:\\gateway.ver", files[1].GetProperty("DestinationFilePath").GetString());
        Assert.False(files[1].TryGetProperty("SourceFilePath", out _));
        Assert.Equal("I:\\ca.pem", files[2].GetProperty("DestinationFilePath").GetString());
        Assert.Equal(File.ReadAllBytes(ca), File.ReadAllBytes(files[2].GetProperty("SourceFilePath").GetString()!));
        Assert.Equal("*\n", File.ReadAllText(Path.Combine(Out, ".gitignore")));
        Assert.Contains($"nanoff --filedeployment \"{Path.Combine(Out, "deploy.json")}\"", _output.ToString());
        AssertNoSecretPrinted();
    }

    [Fact]
    public void Without_a_port_the_command_asks_for_one_and_the_json_has_none()
    {
        Assert.Equal(0, Provision("ESP32_OLIMEX", WriteConfig(""), null, port: null));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "deploy.json")));
        Assert.False(json.RootElement.TryGetProperty("SerialPort", out _));
        Assert.Equal(2, json.RootElement.GetProperty("Files").GetArrayLength());
        Assert.Contains("--serialport PORT", _output.ToString());
    }

    [Fact]
    public void A_configuration_that_does_not_parse_is_refused_and_nothing_is_written()
    {
        var config = WriteConfig("smtp.port = many\n");
        Assert.Equal(1, Provision("ESP32_OLIMEX", config, null));
        Assert.Contains("smtp.port", _error.ToString());
        Assert.False(Directory.Exists(Out));
        AssertNoSecretPrinted();
    }

    [Fact]
    public void A_relay_on_a_reserved_pin_is_refused_naming_the_pin()
    {
        Assert.Equal(1, Provision("M5Core", WriteConfig("relay.pump.pin = 35\n"), null));
        Assert.Contains("relay.pump.pin = 35: M5Core reserves GPIO35: W5500 interrupt", _error.ToString());
        Assert.False(Directory.Exists(Out));
        AssertNoSecretPrinted();
    }

    [Fact]
    public void A_ca_that_is_not_pem_is_refused()
    {
        using var cert = TestCertificates.SelfSigned("ca.example.com");
        var der = Path.Combine(_work.FullName, "ca.cer");
        File.WriteAllBytes(der, cert.RawData);
        Assert.Equal(1, Provision("ESP32_OLIMEX", WriteConfig("smtp.ca = I:\\ca.pem\n"), der));
        Assert.Contains("not a PEM certificate", _error.ToString());
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void A_pem_whose_certificate_is_damaged_is_refused()
    {
        var ca = Path.Combine(_work.FullName, "bad.pem");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Assert.Equal(1, Provision("ESP32_OLIMEX", WriteConfig("smtp.ca = I:\\ca.pem\n"), ca));
        Assert.Contains("cannot be parsed", _error.ToString());
    }

    [Fact]
    public void A_ca_file_holding_a_private_key_is_refused_without_printing_it()
    {
        using var cert = TestCertificates.SelfSigned("ca.example.com");
        var key = cert.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
        var ca = Path.Combine(_work.FullName, "ca-and-key.pem");
        File.WriteAllText(ca, cert.ExportCertificatePem() + "\n" + key);
        Assert.Equal(1, Provision("ESP32_OLIMEX", WriteConfig("smtp.ca = I:\\ca.pem\n"), ca));
        Assert.Contains("holds a private key", _error.ToString());
        var keyBody = key.Split('\n')[1];
        Assert.DoesNotContain(keyBody, _output.ToString() + _error.ToString());
    }

    [Fact]
    public void A_ca_without_a_board_path_in_the_configuration_is_refused()
    {
        Assert.Equal(1, Provision("ESP32_OLIMEX", WriteConfig("smtp.ca = embedded\n"), WriteCa()));
        Assert.Contains("neither smtp.ca nor pop3.ca names a file on the board", _error.ToString());
    }

    public void Dispose() => _work.Delete(true);
}
