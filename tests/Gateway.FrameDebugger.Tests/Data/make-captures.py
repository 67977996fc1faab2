#!/usr/bin/env python3
"""Makes the rig session captures kept here (see README.md): tcpdump on lo around one scripted
session each, against a running tests/mailrig. Run as root from the repository root:

    bash tests/mailrig/start /tmp/gateway-mailrig-frames
    python3 tests/Gateway.FrameDebugger.Tests/Data/make-captures.py /tmp/gateway-mailrig-frames [NAME.pcap ...]

(without names, every capture is made again).

The credentials in them are the rig's test defaults (device@gateway.test / device-pass)."""
import base64, os, smtplib, socket, ssl, struct, subprocess, sys, time

rig = sys.argv[1] if len(sys.argv) > 1 else "/tmp/gateway-mailrig-frames"
out = os.path.dirname(os.path.abspath(__file__))
USER, PASSWORD = "device@gateway.test", "device-pass"


def capture(name, port, session):
    path = os.path.join(out, name)
    dump = subprocess.Popen(["tcpdump", "-i", "lo", "-U", "--immediate-mode", "-s", "0", "-w", path, f"tcp port {port}"],
                            stderr=subprocess.PIPE, text=True)
    dump.stderr.readline()  # "listening on lo ..."
    time.sleep(0.3)
    try:
        session()
    finally:
        time.sleep(0.5)
        dump.send_signal(2)
        print(name, dump.stderr.read().strip().replace("\n", "; "))
        dump.wait()


class Lines:
    def __init__(self, sock):
        self.sock, self.buf = sock, b""

    def line(self):
        while b"\r\n" not in self.buf:
            self.buf += self.sock.recv(4096)
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line.decode()

    def reply(self):  # an SMTP reply, multi-line joined
        while True:
            line = self.line()
            if line[3:4] != "-":
                return line

    def send(self, text):
        self.sock.sendall(text.encode() + b"\r\n")


def deliver_one_mail():
    with smtplib.SMTP("127.0.0.1", 2525) as s:
        s.sendmail("ops@gateway.test", [USER],
                   "From: ops@gateway.test\r\nTo: device@gateway.test\r\nSubject: status\r\n\r\nstatus please\r\n")
    time.sleep(1)


def pop3_plain():
    # USER/PASS/STAT/UIDL/RETR/QUIT on the clear port, one command at a time.
    with socket.create_connection(("127.0.0.1", 1110)) as sock:
        r = Lines(sock)
        r.line()
        for command in (f"USER {USER}", f"PASS {PASSWORD}", "STAT"):
            r.send(command)
            r.line()
        for command in ("UIDL", "RETR 1"):
            r.send(command)
            while r.line() != ".":
                pass
        r.send("QUIT")
        r.line()


def smtp_starttls():
    context = ssl.create_default_context(cafile=os.path.join(rig, "ca.pem"))
    context.check_hostname = False
    with smtplib.SMTP("127.0.0.1", 2587, local_hostname="device.gateway.test") as s:
        s.ehlo()
        s.starttls(context=context)
        s.ehlo()
        s.login(USER, PASSWORD)
        s.sendmail(USER, ["ops@gateway.test"],
                   "From: device@gateway.test\r\nTo: ops@gateway.test\r\nSubject: alert\r\n\r\ntemperature 31.5 C\r\n")


def smtp_dropped():
    # The client dies in the middle of DATA: half a body, then a reset (SO_LINGER 0), no final dot.
    sock = socket.create_connection(("127.0.0.1", 2525))
    r = Lines(sock)
    r.reply()
    for command in ("EHLO device.gateway.test", f"MAIL FROM:<{USER}>", "RCPT TO:<ops@gateway.test>", "DATA"):
        r.send(command)
        r.reply()
    sock.sendall(b"Subject: cut\r\n\r\nhalf a bo")
    time.sleep(0.2)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def b64(text):
    return base64.b64encode(text.encode()).decode()


def imap_session(r, lines):
    """Sends each command and reads to its tagged reply (or to a "+" continuation request)."""
    r.line()  # * OK greeting
    tag, continued = None, False
    for command in lines:
        r.send(command)
        if not continued:  # a line answering a "+" belongs to the command before it
            tag = command.split(" ", 1)[0]
        while True:
            line = r.line()
            if line.startswith(tag + " ") or line.startswith("+"):
                continued = line.startswith("+")
                break


def imap_plain():
    # Dovecot's IMAP on the rig's port 1143, in clear (disable_plaintext_auth=no): every way IMAP
    # carries a password, one connection each.
    sessions = [
        # LOGIN with a quoted password, a mailbox read, LOGOUT.
        [f'a1 LOGIN {USER} "{PASSWORD}"', "a2 SELECT INBOX", "a3 FETCH 1 (FLAGS RFC822.SIZE)", "a4 LOGOUT"],
        # AUTHENTICATE PLAIN, the response after the "+ " continuation request.
        ["b1 AUTHENTICATE PLAIN", b64(f"\0{USER}\0{PASSWORD}"), "b2 LOGOUT"],
        # AUTHENTICATE PLAIN with the initial response on the command line (SASL-IR, RFC 4959).
        [f"c1 AUTHENTICATE PLAIN {b64(chr(0) + USER + chr(0) + PASSWORD)}", "c2 LOGOUT"],
        # AUTHENTICATE LOGIN: user name and password each answer a "+ " challenge.
        ["d1 AUTHENTICATE LOGIN", b64(USER), b64(PASSWORD), "d2 LOGOUT"],
        # A quoted password with escapes (RFC 3501 quoted-specials), refused: wrong"pa\ss.
        ['e1 LOGIN ops@gateway.test "wrong\\"pa\\\\ss"', "e2 LOGOUT"],
    ]
    for lines in sessions:
        with socket.create_connection(("127.0.0.1", 1143)) as sock:
            imap_session(Lines(sock), lines)
    # LOGIN with synchronizing literals: {n} CRLF, the server's "+", then the bytes.
    with socket.create_connection(("127.0.0.1", 1143)) as sock:
        imap_session(Lines(sock), [f"f1 LOGIN {{{len(USER)}}}", f"{USER} {{{len(PASSWORD)}}}", PASSWORD, "f2 LOGOUT"])
    # LOGIN with non-synchronizing literals (LITERAL+, RFC 7888): the whole command in one write.
    with socket.create_connection(("127.0.0.1", 1143)) as sock:
        r = Lines(sock)
        r.line()
        sock.sendall(f"g1 LOGIN {{{len(USER)}+}}\r\n{USER} {{{len(PASSWORD)}+}}\r\n{PASSWORD}\r\n".encode())
        while not r.line().startswith("g1 "):
            pass
        r.send("g2 LOGOUT")
        while not r.line().startswith("g2 "):
            pass


def pop3_auth():
    # Dovecot's POP3 on the rig's port 1110, in clear: USER/PASS, AUTH PLAIN after "+ ", AUTH PLAIN
    # with an initial response, AUTH LOGIN; one connection each.
    sessions = [
        [f"USER {USER}", f"PASS {PASSWORD}", "STAT", "QUIT"],
        ["AUTH PLAIN", b64(f"\0{USER}\0{PASSWORD}"), "QUIT"],
        [f"AUTH PLAIN {b64(chr(0) + USER + chr(0) + PASSWORD)}", "QUIT"],
        ["AUTH LOGIN", b64(USER), b64(PASSWORD), "QUIT"],
    ]
    for lines in sessions:
        with socket.create_connection(("127.0.0.1", 1110)) as sock:
            r = Lines(sock)
            r.line()
            for command in lines:
                r.send(command)
                r.line()


captures = {
    "rig-pop3-plain.pcap": (1110, pop3_plain),
    "rig-smtp-starttls.pcap": (2587, smtp_starttls),
    "rig-smtp-dropped.pcap": (2525, smtp_dropped),
    "rig-imap-plain.pcap": (1143, imap_plain),
    "rig-pop3-auth.pcap": (1110, pop3_auth),
}
wanted = sys.argv[2:] or list(captures)
unknown = [name for name in wanted if name not in captures]
if unknown:
    sys.exit(f"unknown capture(s) {unknown}; known: {list(captures)}")
deliver_one_mail()
for name in wanted:
    port, session = captures[name]
    capture(name, port, session)
