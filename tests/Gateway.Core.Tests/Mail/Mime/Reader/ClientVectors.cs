namespace Gateway.Core.Tests.Mail.Mime.Reader;

/// <summary>
/// Messages in the shapes real clients send, written by hand from RFC 2045-2049, RFC 3676 (format=flowed),
/// RFC 2047 and what each client documents or visibly produces (header order, boundary style, encodings).
/// None is copied from a real mailbox; addresses use example domains.
/// </summary>
public static class ClientVectors
{
    // Thunderbird: text/plain, format=flowed (RFC 3676: a trailing space marks a soft break, undone on reading), 7bit.
    public static readonly MimeVector ThunderbirdFlowed = new()
    {
        Name = "thunderbird-flowed-7bit",
        Message = """
            Message-ID: <3f1c2a9e-5b7d-4c1e-9a2f-0d8e7c6b5a41@example.org>
            Date: Thu, 26 Nov 2026 09:14:07 +0100
            MIME-Version: 1.0
            User-Agent: Mozilla Thunderbird
            Content-Language: en-US
            To: device@gateway.test
            From: Ann Operator <ann@example.org>
            Subject: relay command
            Content-Type: text/plain; charset=UTF-8; format=flowed
            Content-Transfer-Encoding: 7bit

            relay1 on
            status

            This paragraph is long enough that Thunderbird wraps it at 72 columns, 
            leaving a trailing space on each soft line break as format=flowed 
            asks.

            Ann

            """,
        From = "ann@example.org",
        Subject = "relay command",
        Text = "relay1 on\nstatus\n\nThis paragraph is long enough that Thunderbird wraps it at 72 columns, "
            + "leaving a trailing space on each soft line break as format=flowed asks.\n\nAnn\n",
    };

    // Thunderbird with non-ASCII text: quoted-printable, soft breaks ("=" at the end), UTF-8 subject as Q words.
    public static readonly MimeVector ThunderbirdQuotedPrintable = new()
    {
        Name = "thunderbird-flowed-qp",
        Message = """
            Message-ID: <a8d2f0c4-71e3-4b59-8c6a-2e4f9b1d7c35@example.org>
            Date: Thu, 26 Nov 2026 09:20:41 +0100
            MIME-Version: 1.0
            User-Agent: Mozilla Thunderbird
            Content-Language: de-DE
            To: device@gateway.test
            From: =?UTF-8?Q?J=C3=BCrgen_Wei=C3=9F?= <juergen@example.de>
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen?=
            Content-Type: text/plain; charset=UTF-8; format=flowed
            Content-Transfer-Encoding: quoted-printable

            status
            Die Temperatur im Keller liegt bei 12 =C2=B0C, bitte die Heizung im Auge =
            behalten.

            Gr=C3=BC=C3=9Fe
            J=C3=BCrgen

            """,
        From = "juergen@example.de",
        Subject = "Gr\u00fc\u00dfe aus M\u00fcnchen",
        Text = "status\nDie Temperatur im Keller liegt bei 12 \u00b0C, bitte die Heizung im Auge behalten.\n\nGr\u00fc\u00dfe\nJ\u00fcrgen\n",
    };

    // Gmail web: multipart/alternative, text/plain and text/html both quoted-printable UTF-8, boundary of 28 hex digits.
    public static readonly MimeVector Gmail = new()
    {
        Name = "gmail-alternative-qp",
        Message = """
            MIME-Version: 1.0
            Date: Thu, 26 Nov 2026 10:11:52 +0100
            Message-ID: <CAF3q7bXkP2m9VfR0sWJ8yZ1tQn4LcE5uH6gD7aB8xY9zA0bC1d@mail.gmail.example>
            Subject: =?UTF-8?B?UmVsYXkgMSDwn5SMIG9mZg==?=
            From: Bob Example <bob.example@gmail.example>
            To: device@gateway.test
            Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f60718"

            --000000000000a1b2c3d4e5f60718
            Content-Type: text/plain; charset="UTF-8"
            Content-Transfer-Encoding: quoted-printable

            relay1 off
            ping

            Gr=C3=BC=C3=9Fe, Bob =E2=80=93 sent from the lab

            --000000000000a1b2c3d4e5f60718
            Content-Type: text/html; charset="UTF-8"
            Content-Transfer-Encoding: quoted-printable

            <div dir=3D"ltr">relay1 off<div>ping</div><div><br></div><div>Gr=C3=BC=C3=
            =9Fe, Bob =E2=80=93 sent from the lab</div></div>

            --000000000000a1b2c3d4e5f60718--

            """,
        From = "bob.example@gmail.example",
        Subject = "Relay 1 \U0001F50C off",
        Text = "relay1 off\nping\n\nGr\u00fc\u00dfe, Bob \u2013 sent from the lab\n",
    };

    // Outlook: multipart/alternative, text/plain in base64 (UTF-8), text/html in windows-1252 quoted-printable,
    // Word's head and style, a boundary of the "_000_" kind, folded Content-Type with a tab.
    public static readonly MimeVector Outlook = new()
    {
        Name = "outlook-base64-cp1252",
        Message = """
            From: Zoe Lindqvist <zoe.lindqvist@contoso.example>
            To: "device@gateway.test" <device@gateway.test>
            Subject: =?Windows-1252?Q?Relay_2_=96_please_toggle?=
            Thread-Topic: Relay 2 - please toggle
            Thread-Index: AdpAbCdEfGhIjKlMnOpQrStUvWxYz0==
            Date: Thu, 26 Nov 2026 08:30:12 +0000
            Message-ID: <DB9PR01MB1234ABCD5678EF90A1B2C3D4E5F6A@DB9PR01MB1234.eurprd01.prod.outlook.example>
            Accept-Language: en-GB, en-US
            Content-Language: en-GB
            X-MS-Has-Attach:
            X-MS-TNEF-Correlator:
            Content-Type: multipart/alternative;
            	boundary="_000_DB9PR01MB1234ABCD5678EF90A1B2C3D4E5F6ADB9PR01MB1234eurp_"
            MIME-Version: 1.0

            --_000_DB9PR01MB1234ABCD5678EF90A1B2C3D4E5F6ADB9PR01MB1234eurp_
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: base64

            c3RhdHVzDQpyZWxheTIgdG9nZ2xlDQoNClJlZ2FyZHMsDQpab8OrIExpbmRxdmlzdA0KRmFjaWxp
            dGllcyDigJMgQnVpbGRpbmcgNA0K

            --_000_DB9PR01MB1234ABCD5678EF90A1B2C3D4E5F6ADB9PR01MB1234eurp_
            Content-Type: text/html; charset="windows-1252"
            Content-Transfer-Encoding: quoted-printable

            <html xmlns:o=3D"urn:schemas-microsoft-com:office:office" xmlns=3D"http:=
            //www.w3.org/TR/REC-html40">
            <head>
            <meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3Dwindows-1=
            252">
            <style><!--
            /* Font Definitions */
            p.MsoNormal
            	{margin:0cm;
            	font-family:"Calibri",sans-serif;}
            --></style>
            </head>
            <body lang=3D"EN-GB" link=3D"#0563C1">
            <div class=3D"WordSection1">
            <p class=3D"MsoNormal">status<o:p></o:p></p>
            <p class=3D"MsoNormal">relay2 toggle<o:p></o:p></p>
            <p class=3D"MsoNormal">Regards,<o:p></o:p></p>
            <p class=3D"MsoNormal">Zo=EB Lindqvist<o:p></o:p></p>
            <p class=3D"MsoNormal">Facilities =96 Building 4<o:p></o:p></p>
            </div>
            </body>
            </html>

            --_000_DB9PR01MB1234ABCD5678EF90A1B2C3D4E5F6ADB9PR01MB1234eurp_--

            """,
        From = "zoe.lindqvist@contoso.example",
        Subject = "Relay 2 \u2013 please toggle",
        Text = "status\nrelay2 toggle\n\nRegards,\nZo\u00eb Lindqvist\nFacilities \u2013 Building 4\n",
    };

    // Apple Mail: "Apple-Mail=_UUID" boundary (quoted: it holds '='), Content-Transfer-Encoding before
    // Content-Type in parts, charset on a folded line, quoted-printable with a final soft break.
    public static readonly MimeVector AppleMail = new()
    {
        Name = "apple-mail-alternative-qp",
        Message = """
            From: Dana Reyes <dana@icloud.example>
            Content-Type: multipart/alternative;
            	boundary="Apple-Mail=_5B0E8C44-1F2D-4E7A-9C3B-2D6F8A1E7B90"
            Mime-Version: 1.0 (Mac OS X Mail 16.0 \(3774.600.62\))
            Subject: Pump status?
            Message-Id: <7C2E1B8A-4D3F-4A6B-8E9C-0F1A2B3C4D5E@icloud.example>
            Date: Thu, 26 Nov 2026 10:02:45 +0100
            To: device@gateway.test
            X-Mailer: Apple Mail (2.3774.600.62)


            --Apple-Mail=_5B0E8C44-1F2D-4E7A-9C3B-2D6F8A1E7B90
            Content-Transfer-Encoding: quoted-printable
            Content-Type: text/plain;
            	charset=utf-8

            status
            get pump.interval

            Danke sch=C3=B6n =F0=9F=99=82
            Dana=

            --Apple-Mail=_5B0E8C44-1F2D-4E7A-9C3B-2D6F8A1E7B90
            Content-Transfer-Encoding: quoted-printable
            Content-Type: text/html;
            	charset=utf-8

            <html><head><meta http-equiv=3D"content-type" content=3D"text/html; =
            charset=3Dutf-8"></head><body style=3D"overflow-wrap: break-word;">status<d=
            iv>get pump.interval</div><div><br></div><div>Danke sch=C3=B6n =F0=9F=99=82=
            </div><div>Dana</div></body></html>
            --Apple-Mail=_5B0E8C44-1F2D-4E7A-9C3B-2D6F8A1E7B90--

            """,
        From = "dana@icloud.example",
        Subject = "Pump status?",
        Text = "status\nget pump.interval\n\nDanke sch\u00f6n \U0001F642\nDana",
    };

    // mutt: plain UTF-8 in 8bit, Content-Disposition inline, a quoted reply, folded References, "-- " signature.
    public static readonly MimeVector Mutt = new()
    {
        Name = "mutt-8bit-signature",
        Message = """
            Date: Thu, 26 Nov 2026 11:20:03 +0100
            From: =?utf-8?Q?Carl_M=C3=BCller?= <carl@example.net>
            To: device@gateway.test
            Subject: Re: [gateway] Alert: temp1 above 30.0
            Message-ID: <20261126102003.ab12cd34ef56@example.net>
            References: <alert.20261126.0931.7f3a@gateway.test>
             <alert.20261126.0945.81c2@gateway.test>
            In-Reply-To: <alert.20261126.0945.81c2@gateway.test>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Disposition: inline
            Content-Transfer-Encoding: 8bit
            User-Agent: NeoMutt/20231103

            On Thu, Nov 26, 2026 at 09:45:00AM +0000, gateway wrote:
            > temp1 = 31.2 °C (above 30.0)

            relay1 off
            status

            -- 
            Carl Müller · Gebäudetechnik

            """,
        From = "carl@example.net",
        Subject = "Re: [gateway] Alert: temp1 above 30.0",
        Text = "On Thu, Nov 26, 2026 at 09:45:00AM +0000, gateway wrote:\n> temp1 = 31.2 \u00b0C (above 30.0)\n\nrelay1 off\nstatus\n\n-- \n"
            + "Carl M\u00fcller \u00b7 Geb\u00e4udetechnik\n",
    };

    // Only text/html (a web form or a client set to HTML only): windows-1252 quoted-printable, entities, head,
    // style, script and a comment to drop, block elements and br for line breaks.
    public static readonly MimeVector HtmlOnly = new()
    {
        Name = "html-only-cp1252",
        Message = """
            From: "Facilities Desk" <desk@example.com>
            To: device@gateway.test
            Subject: Weekly check
            Date: Thu, 26 Nov 2026 12:00:00 +0000
            Message-ID: <weekly-check-2026-48@example.com>
            MIME-Version: 1.0
            Content-Type: text/html; charset=windows-1252
            Content-Transfer-Encoding: quoted-printable

            <!DOCTYPE html>
            <html><head><title>Weekly check</title>
            <style>p { margin: 0 }</style></head>
            <body>
            <p>status</p>
            <p>relay1&nbsp;on</p>
            <div>Temp &lt; 30 &amp;&amp; humidity &gt; 40 =96 &quot;ok&quot; &#8364;5 &#x263A;</div>
            <ul><li>one</li><li>two</li></ul>
            line<br>break
            <!-- a comment <p>hidden</p> -->
            <script>var x =3D "<b>";</script>
            </body></html>

            """,
        From = "desk@example.com",
        Subject = "Weekly check",
        Text = "status\nrelay1 on\nTemp < 30 && humidity > 40 \u2013 \"ok\" \u20ac5 \u263a\none\ntwo\nline\nbreak",
        HasPlain = false,
    };

    // multipart/mixed: the text, then a base64 attachment (Thunderbird's "------------" boundary style).
    public static readonly MimeVector Base64Attachment = new()
    {
        Name = "mixed-text-and-base64-attachment",
        Message = """
            Content-Type: multipart/mixed; boundary="------------0Hs7Jq2mV9xK4pL1cR8tB3nD"
            Message-ID: <5d9e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a@example.org>
            Date: Thu, 26 Nov 2026 13:05:30 +0100
            MIME-Version: 1.0
            User-Agent: Mozilla Thunderbird
            To: device@gateway.test
            From: Ann Operator <ann@example.org>
            Subject: readings

            This is a multi-part message in MIME format.
            --------------0Hs7Jq2mV9xK4pL1cR8tB3nD
            Content-Type: text/plain; charset=UTF-8; format=flowed
            Content-Transfer-Encoding: 7bit

            Readings attached.
            status

            --------------0Hs7Jq2mV9xK4pL1cR8tB3nD
            Content-Type: text/csv; charset=UTF-8; name="readings.csv"
            Content-Disposition: attachment; filename="readings.csv"
            Content-Transfer-Encoding: base64

            dGltZXN0YW1wLHNlbnNvcix2YWx1ZQ0KMjAyNi0xMS0yNlQwODowMDowMFosdGVtcDEsMjEuNQ0K
            MjAyNi0xMS0yNlQwODowNTowMFosdGVtcDEsMjEuNw0KMjAyNi0xMS0yNlQwODoxMDowMFosdGVt
            cDEsMjIuMA0K

            --------------0Hs7Jq2mV9xK4pL1cR8tB3nD--

            """,
        From = "ann@example.org",
        Subject = "readings",
        Text = "Readings attached.\nstatus\n",
    };

    // multipart/mixed holding multipart/alternative (text/plain + text/html), a PDF and a forwarded
    // message/rfc822 whose own text must not be taken.
    public static readonly MimeVector NestedMixedAlternative = new()
    {
        Name = "nested-mixed-alternative-rfc822",
        Message = """
            From: Eve Ops <eve@ops.example>
            To: device@gateway.test
            Subject: Fwd: maintenance window
            Date: Thu, 26 Nov 2026 14:40:00 +0100
            Message-ID: <nested.1@ops.example>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=outer-7f3a

            --outer-7f3a
            Content-Type: multipart/alternative; boundary="inner-81c2"

            --inner-81c2
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            relay1 off
            See the forwarded notice =E2=86=92 below.

            --inner-81c2
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            <p>relay1 off</p><p>See the forwarded notice =E2=86=92 below.</p>

            --inner-81c2--

            --outer-7f3a
            Content-Type: application/pdf; name="schedule.pdf"
            Content-Disposition: attachment; filename="schedule.pdf"
            Content-Transfer-Encoding: base64

            AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4
            OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3Bx
            cnN0dXZ3

            --outer-7f3a
            Content-Type: message/rfc822

            From: Notices <notices@ops.example>
            Subject: maintenance window
            Content-Type: text/plain

            relay2 on
            This text belongs to the forwarded message.

            --outer-7f3a--
            Epilogue text, ignored.

            """,
        From = "eve@ops.example",
        Subject = "Fwd: maintenance window",
        Text = "relay1 off\nSee the forwarded notice \u2192 below.\n",
    };

    // An ISO-8859-1 subject and sender name as encoded words, the body in ISO-8859-1 quoted-printable.
    public static readonly MimeVector Latin1 = new()
    {
        Name = "latin1-encoded-word-subject",
        Message = """
            From: =?ISO-8859-1?Q?Ren=E9_Dupr=E9?= <rene@example.fr>
            To: device@gateway.test
            Subject: =?ISO-8859-1?Q?Temp=E9rature_=E9lev=E9e_=E0_l'entrep=F4t?=
            Date: Thu, 26 Nov 2026 15:15:15 +0100
            Message-ID: <latin1.42@example.fr>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=ISO-8859-1
            Content-Transfer-Encoding: quoted-printable

            Bonjour,
            relay1 off
            Merci, Ren=E9

            """,
        From = "rene@example.fr",
        Subject = "Temp\u00e9rature \u00e9lev\u00e9e \u00e0 l'entrep\u00f4t",
        Text = "Bonjour,\nrelay1 off\nMerci, Ren\u00e9\n",
    };

    public static readonly MimeVector[] All =
    {
        ThunderbirdFlowed, ThunderbirdQuotedPrintable, Gmail, Outlook, AppleMail, Mutt, HtmlOnly,
        Base64Attachment, NestedMixedAlternative, Latin1,
    };

    public static TheoryData<MimeVector> Each()
    {
        var data = new TheoryData<MimeVector>();
        foreach (var v in All) data.Add(v);
        return data;
    }
}
