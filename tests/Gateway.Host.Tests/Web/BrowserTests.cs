using System.Net;
using Gateway.Core.Config;
using Gateway.DevMail;
using Gateway.Host.Demo;
using Gateway.Host.Web;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace Gateway.Host.Tests.Web;

/// <summary>
/// The page in a real Chromium over `gateway demo --web`: the demo's device, mailbox and operator in
/// process, the page on a free loopback port. Screenshots go to the test output (web-screenshots/).
/// </summary>
public class BrowserTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task The_page_lists_a_mail_opens_it_sends_a_command_sees_the_reply_and_shows_a_frame()
    {
        using var browser = BrowserFixture.Start();
        var web = new WebContext();
        await using var page = await WebPage.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), web, null);
        var feed = new DemoFeed(web);
        DevMailServer? mailbox = null;
        GatewayConfig? operatorConfig = null;
        using var stop = new CancellationTokenSource();
        var demo = new DemoScenario(TextWriter.Null, verbose: false)
        {
            Started = (m, op) => { mailbox = m; operatorConfig = op; feed.Started(m, op); },
            Said = feed.Said, Reading = feed.Reading, Linger = stop.Token,
        };
        var story = Task.Run(demo.RunAsync);
        try
        {
            var wait = new WebDriverWait(browser, Patience);
            browser.Navigate().GoToUrl(page.Address);
            wait.Until(b => b.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");

            // The demo's alert and reply come in live.
            wait.Until(b => b.FindElements(By.CssSelector("#mail-list tr.mail")).Any(r => r.Text.Contains("ALERT")));
            Shot(browser, "1-mail-list");

            // A mail sent with the SMTP client is listed as it arrives and opens.
            wait.Until(_ => mailbox != null && operatorConfig != null);
            var subject = "Hello from the browser test " + Guid.NewGuid().ToString("N")[..8];
            SendWithSmtpClient(operatorConfig!, subject);
            var row = wait.Until(b => b.FindElements(By.CssSelector("#mail-list tr.mail")).FirstOrDefault(r => r.Text.Contains(subject)));
            row!.Click();
            wait.Until(b => b.FindElement(By.Id("mail-subject")).Text == subject);
            Assert.Contains("typed by the browser test", browser.FindElement(By.Id("mail-text")).Text);
            Shot(browser, "2-mail-opened");

            // The demo's alert, command and reply on the timeline; then a command from the form, and its reply.
            browser.FindElement(By.CssSelector("nav .tab[data-tab=device]")).Click();
            wait.Until(b => b.FindElements(By.CssSelector("#timeline li[data-kind=reply]")).Count > 0);
            Assert.NotEmpty(browser.FindElements(By.CssSelector("#timeline li[data-kind=alert]")));
            Assert.NotEmpty(browser.FindElements(By.CssSelector("#timeline li[data-kind=command]")));
            var text = browser.FindElement(By.Id("command-text"));
            text.Clear();
            text.SendKeys("relay relay1 off" + Keys.Enter + "status");
            browser.FindElement(By.Id("command-send")).Click();
            wait.Until(b => b.FindElement(By.Id("command-status")).Text.Contains("sent 2 signed command(s)") || b.FindElement(By.Id("command-status")).Text == "reply arrived");
            wait.Until(b => b.FindElement(By.Id("reply-text")).Displayed && b.FindElement(By.Id("reply-text")).Text.Contains("relay1 off"));
            Assert.Equal("reply arrived", browser.FindElement(By.Id("command-status")).Text);
            Shot(browser, "3-command-reply");

            // A capture opened: its frames, one frame's fields, hex dump and drawing.
            browser.FindElement(By.CssSelector("nav .tab[data-tab=frames]")).Click();
            browser.FindElement(By.Id("capture-file")).SendKeys(Path.Combine(AppContext.BaseDirectory, "Web", "Data", "rig-pop3-plain.pcap"));
            wait.Until(b => b.FindElements(By.CssSelector("#frame-list tr.frame")).Count == 24);
            browser.FindElements(By.CssSelector("#frame-list tr.frame")).First(r => r.Text.Contains("PASS")).Click();
            wait.Until(b => b.FindElement(By.Id("frame-fields")).Text.Contains("Source port"));
            Assert.Contains("PASS ********", browser.FindElement(By.Id("dialogue")).Text);
            Assert.DoesNotContain("device-pass", browser.PageSource);
            wait.Until(b => true.Equals(((IJavaScriptExecutor)b).ExecuteScript("const i = document.getElementById('frame-svg'); return i.complete && i.naturalWidth > 0;")));
            Shot(browser, "4-frame");
        }
        finally
        {
            stop.Cancel(); // the device lingers for the page until this
        }
        var outcome = await story.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(outcome.Succeeded);
    }

    static void SendWithSmtpClient(GatewayConfig operatorConfig, string subject)
    {
        var client = new Gateway.Mail.Smtp.SmtpClient(
            new Gateway.Host.Net.SocketConnector(new Gateway.Host.Net.TlsTrust(operatorConfig.GetString("smtp.ca"))),
            Gateway.Mail.Smtp.SmtpSettings.FromConfig(operatorConfig, "browser-test.gateway.local"));
        client.Connect();
        var from = operatorConfig.GetString("smtp.from")!;
        var message = System.Text.Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: {from}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@browser-test>\r\n\r\nThis mail was typed by the browser test.\r\n");
        client.Send(from, [from], message, 0, message.Length, false);
        client.Quit();
    }

    static void Shot(IWebDriver browser, string name) =>
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"));
}
