using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Host.Web;

namespace Gateway.Host.Tests.Web;

/// <summary>The page's JSON API over a real local mailbox, in memory (WebApplicationFactory): docs/web.md.</summary>
public class WebApiTests
{
    static string CapturePath => Path.Combine(AppContext.BaseDirectory, "Web", "Data", "rig-pop3-plain.pcap");

    [Fact]
    public async Task A_mail_sent_with_the_smtp_client_is_listed_opened_shown_raw_and_deleted()
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        box.Send(WebMailbox.Ops, WebMailbox.PlainMail("hello from the API test", "line one\nline two"));
        var mail = await box.WaitForMail("hello from the API test");

        var list = await http.GetFromJsonAsync<JsonElement>("/api/messages");
        var first = list.EnumerateArray().First();
        Assert.Equal(mail.Id, first.GetProperty("id").GetString());
        Assert.Equal(WebMailbox.Ops, first.GetProperty("mailbox").GetString());
        Assert.Contains(WebMailbox.Ops, first.GetProperty("from").GetString());

        var opened = await http.GetFromJsonAsync<JsonElement>($"/api/messages/{mail.Id}");
        Assert.Contains("line two", opened.GetProperty("text").GetString());
        Assert.Contains(opened.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "Subject");
        Assert.Empty(opened.GetProperty("attachments").EnumerateArray());

        var raw = await http.GetAsync($"/api/messages/{mail.Id}/raw");
        Assert.Equal("text/plain", raw.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Subject: hello from the API test", await raw.Content.ReadAsStringAsync());

        var deleted = await http.DeleteAsync("/api/messages");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/api/messages")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/messages/{mail.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_hostile_html_mail_is_shown_without_scripts_under_a_policy_that_allows_none()
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        box.Send(WebMailbox.Ops, $$"""
            From: {{WebMailbox.Ops}}
            To: {{WebMailbox.Ops}}
            Subject: hostile html
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/html; charset=utf-8

            <p onclick="alert(1)">Hi <b>there</b></p><script>alert('x')</script><img src=x onerror=alert(2)>
            <a href="javascript:alert(3)">click</a><a href='https://example.invalid/ok'>fine</a><svg onload=alert(4)></svg>
            <iframe src="https://example.invalid"></iframe><style>body{display:none}</style>&lt;script&gt;
            --b1
            Content-Type: application/octet-stream; name="data.bin"
            Content-Disposition: attachment; filename="data.bin"
            Content-Transfer-Encoding: base64

            AAECAwQFBgcICQ==
            --b1--

            """);
        var mail = await box.WaitForMail("hostile html");
        var opened = await http.GetFromJsonAsync<JsonElement>($"/api/messages/{mail.Id}");
        var html = opened.GetProperty("safeHtml").GetString()!;
        Assert.Contains("<b>there</b>", html);
        Assert.Contains("href=\"https://example.invalid/ok\"", html);
        foreach (var bad in new[] { "<script", "onclick", "onerror", "onload", "javascript:", "<img", "<svg", "<iframe", "<style", "alert(" })
            Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html); // the text "<script>" stays text
        var attachment = Assert.Single(opened.GetProperty("attachments").EnumerateArray());
        Assert.Equal("data.bin", attachment.GetProperty("name").GetString());
        Assert.Equal(10, attachment.GetProperty("size").GetInt32());

        var frame = await http.GetAsync($"/api/messages/{mail.Id}/html");
        var policy = string.Join(";", frame.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("sandbox", policy);
        Assert.DoesNotContain("<script", await frame.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_command_is_signed_on_the_server_and_mailed_to_the_device_without_the_key()
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();

        var device = await http.GetFromJsonAsync<JsonElement>("/api/device");
        Assert.True(device.GetProperty("canSend").GetBoolean());
        Assert.DoesNotContain(box.Key, device.GetRawText());

        var sent = await http.PostAsJsonAsync("/api/device/commands", new { commands = "relay relay1 on\r\nstatus\n" });
        var answer = await sent.Content.ReadAsStringAsync();
        Assert.True(sent.IsSuccessStatusCode, answer);
        Assert.DoesNotContain(box.Key, answer);
        var id = JsonDocument.Parse(answer).RootElement.GetProperty("messageId").GetString();

        var mail = await box.WaitForMail($"[{WebMailbox.DeviceId}] commands");
        Assert.Equal(WebMailbox.Device, mail.Mailbox);
        Assert.Equal(id, mail.MessageId);
        var raw = Encoding.UTF8.GetString(box.Web.Mail!.Raw(mail.Id)!);
        Assert.Contains("relay relay1 on", raw);
        Assert.DoesNotContain(box.Key, raw);

        var timeline = await http.GetFromJsonAsync<JsonElement>("/api/device/timeline?kind=command");
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("messageId").GetString() == id);
    }

    [Theory]
    [InlineData("x\r\nBcc: someone@else.example", "header injection")]
    [InlineData("x\nX-Evil: 1", "header injection")]
    public async Task A_subject_with_a_line_break_is_refused_and_nothing_is_sent(string subject, string expected)
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        var response = await http.PostAsJsonAsync("/api/device/commands", new { commands = "status", subject });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains(expected, error);
        Assert.DoesNotContain(box.Key, error);
        await Task.Delay(200);
        Assert.Empty(box.Web.Mail!.List());
    }

    [Fact]
    public async Task A_bad_command_line_is_refused_with_the_reason()
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        var empty = await http.PostAsJsonAsync("/api/device/commands", new { commands = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var control = await http.PostAsJsonAsync("/api/device/commands", new { commands = "status\u0007" });
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.StartsWith("not sent: command 1", (await control.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Without_an_operator_configuration_the_form_says_why_it_cannot_send()
    {
        await using var box = await WebMailbox.StartAsync(withOperator: false);
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        var response = await http.PostAsJsonAsync("/api/device/commands", new { commands = "status" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("--operator", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_capture_is_opened_its_frames_dialogue_and_fields_shown_with_the_password_redacted()
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        var upload = await http.PostAsync("/api/frames?name=rig-pop3-plain.pcap", new ByteArrayContent(File.ReadAllBytes(CapturePath)));
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var frames = await http.GetFromJsonAsync<JsonElement>($"/api/frames/{id}");
        Assert.Equal(24, frames.GetProperty("frames").GetArrayLength());
        var dialogue = await http.GetStringAsync($"/api/frames/{id}/dialogue");
        Assert.Contains("POP3", dialogue);
        Assert.Contains("PASS ********", dialogue);
        Assert.DoesNotContain("device-pass", dialogue);

        var pass = frames.GetProperty("frames").EnumerateArray().First(f => f.GetProperty("line").GetString()!.Contains("PASS"));
        int n = pass.GetProperty("frame").GetInt32();
        var explained = await http.GetStringAsync($"/api/frames/{id}/{n}");
        Assert.Contains("Source port", explained);
        Assert.DoesNotContain("device-pass", explained);
        Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.ASCII.GetBytes("device-pass")), explained);
        var svg = await http.GetAsync($"/api/frames/{id}/{n}/svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("device-pass", await svg.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/frames/{id}/999")).StatusCode);
    }

    [Fact]
    public async Task An_upload_that_is_not_a_capture_is_refused_with_what_it_is_not()
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        var response = await http.PostAsync("/api/frames?name=notes.txt", new StringContent("just some text, not a capture"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains("notes.txt is not a capture: not a pcap or pcapng file", error);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/api/frames")).EnumerateArray());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_the_limit()
    {
        await using var box = await WebMailbox.StartAsync(uploadLimit: 1024 * 1024);
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        var huge = new byte[1024 * 1024 + 1];
        File.ReadAllBytes(CapturePath).CopyTo(huge, 0);
        var response = await http.PostAsync("/api/frames?name=huge.pcap", new ByteArrayContent(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("upload limit of 1 MB", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task With_a_password_every_request_needs_it()
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web, password: "s3cret-page");
        var http = factory.CreateClient();
        var refused = await http.GetAsync("/api/messages");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("s3cret-page", await refused.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any:wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any:s3cret-page")));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task The_page_is_served_from_the_assembly_under_a_policy_without_inline_script()
    {
        await using var box = await WebMailbox.StartAsync();
        using var factory = new PageFactory(box.Web);
        var http = factory.CreateClient();
        var page = await http.GetAsync("/");
        Assert.Contains("<script src=\"/app.js\"", await page.Content.ReadAsStringAsync());
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy.Split(';').First(p => p.Contains("script-src")));
        Assert.Contains("EventSource", await http.GetStringAsync("/app.js"));
    }

    [Fact]
    public async Task Listening_beyond_loopback_without_a_password_is_refused()
    {
        await using var box = await WebMailbox.StartAsync();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => WebPage.StartAsync(WebAddress.Parse("0.0.0.0:0"), box.Web, null));
        Assert.Contains("--web-password", e.Message);
        Assert.Throws<FormatException>(() => WebAddress.Parse("localhost:80x"));
        Assert.Equal(IPAddress.Loopback, WebAddress.Parse("8025").Address);
    }
}
