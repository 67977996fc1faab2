// The page of `gateway mailbox --web` and `gateway demo --web`: plain DOM, no framework. Everything from the server is put in
// with textContent (never as markup); a mail's HTML is only shown in a sandboxed frame.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

async function api(path, options) {
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new Error((body && body.error) || ("HTTP " + response.status));
  return body;
}

function when(iso) {
  const d = new Date(iso);
  return isNaN(d) ? "" : d.toLocaleTimeString();
}

function size(n) {
  return n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KB" : (n / 1048576).toFixed(1) + " MB";
}

// --- tabs --------------------------------------------------------------------------------------
for (const tab of document.querySelectorAll("nav .tab")) {
  tab.addEventListener("click", () => show(tab.dataset.tab));
}
function show(name) {
  for (const tab of document.querySelectorAll("nav .tab")) tab.classList.toggle("active", tab.dataset.tab === name);
  for (const panel of document.querySelectorAll(".panel")) panel.hidden = panel.id !== "tab-" + name;
  if (name === "device") drawChart();
}

// --- mail --------------------------------------------------------------------------------------
let openId = null;

async function loadMailboxes() {
  const boxes = await api("/api/mailboxes");
  const select = $("mailbox-filter");
  const chosen = select.value;
  select.replaceChildren(el("option", "all mailboxes"));
  select.firstChild.value = "";
  for (const box of boxes) {
    const option = el("option", box.address + (box.device ? " (device)" : ""));
    option.value = box.address;
    select.append(option);
  }
  select.value = chosen;
}

async function loadMail() {
  const box = $("mailbox-filter").value;
  const mails = await api("/api/messages" + (box ? "?mailbox=" + encodeURIComponent(box) : ""));
  const body = $("mail-list").tBodies[0];
  body.replaceChildren(...mails.map((m) => mailRow(m, false)));
  $("mail-empty").hidden = mails.length > 0;
}

function mailRow(m, fresh) {
  const row = el("tr", null, "mail pick" + (fresh ? " fresh" : "") + (m.id === openId ? " selected" : ""));
  row.dataset.id = m.id;
  row.append(el("td", when(m.storedUtc)), el("td", m.mailbox), el("td", m.from), el("td", m.subject || "(no subject)", "subject"), el("td", size(m.size)));
  row.addEventListener("click", () => openMail(m.id));
  return row;
}

function mailArrived(m) {
  const box = $("mailbox-filter").value;
  if (box && box !== m.mailbox) return;
  const body = $("mail-list").tBodies[0];
  if (body.querySelector(`tr[data-id="${CSS.escape(m.id)}"]`)) return;
  body.prepend(mailRow(m, true));
  $("mail-empty").hidden = true;
}

async function openMail(id) {
  const mail = await api("/api/messages/" + encodeURIComponent(id));
  openId = id;
  for (const row of $("mail-list").tBodies[0].rows) row.classList.toggle("selected", row.dataset.id === id);
  const s = mail.summary;
  $("mail-view").hidden = false;
  $("mail-subject").textContent = s.subject || "(no subject)";
  const meta = $("mail-meta");
  meta.replaceChildren();
  for (const [k, v] of [["From", s.from], ["To", s.to], ["Date", s.date], ["Mailbox", s.mailbox], ["Size", size(s.size)], ["Message-ID", s.messageId]]) {
    if (v) meta.append(el("dt", k), el("dd", v));
  }
  $("mail-raw").href = "/api/messages/" + encodeURIComponent(id) + "/raw";
  $("mail-text").textContent = mail.text || "(no text part)";
  $("mail-html-box").hidden = !mail.safeHtml;
  $("mail-html").src = mail.safeHtml ? "/api/messages/" + encodeURIComponent(id) + "/html" : "about:blank";
  const attachments = $("mail-attachments");
  attachments.replaceChildren(...mail.attachments.map((a) => el("li", `${a.name || "(no name)"} — ${a.contentType}, ${size(a.size)}`)));
  if (mail.attachments.length === 0) attachments.append(el("li", "none", "hint"));
  $("mail-headers").tBodies[0].replaceChildren(...mail.headers.map((h) => {
    const row = el("tr");
    row.append(el("th", h.name), el("td", h.value));
    return row;
  }));
}

$("mailbox-filter").addEventListener("change", loadMail);
$("delete-all").addEventListener("click", async () => {
  if (!confirm("Delete every mail shown?")) return;
  const box = $("mailbox-filter").value;
  await api("/api/messages" + (box ? "?mailbox=" + encodeURIComponent(box) : ""), { method: "DELETE" });
  $("mail-view").hidden = true;
  loadMail();
});
$("mail-delete").addEventListener("click", async () => {
  if (!openId) return;
  await api("/api/messages/" + encodeURIComponent(openId), { method: "DELETE" });
  $("mail-view").hidden = true;
  openId = null;
  loadMail();
});

// --- device ------------------------------------------------------------------------------------
const readings = [];
let waitingFor = null;

function timelineItem(entry) {
  const item = el("li");
  item.dataset.kind = entry.kind;
  item.append(el("span", when(entry.timeUtc) + " ", "hint"), el("span", entry.kind, "kind kind-" + entry.kind), el("span", entry.text));
  return item;
}

function timelineArrived(entry, live) {
  if (entry.kind === "reading") {
    readings.push(entry);
    if (readings.length > 2000) readings.shift();
    if (live) drawChart();
    return;
  }
  const list = $("timeline");
  list.append(timelineItem(entry));
  list.scrollTop = list.scrollHeight;
  if (entry.kind === "reply" && waitingFor && entry.inReplyTo === waitingFor) showReply(entry);
}

async function loadTimeline() {
  const device = await api("/api/device");
  $("device-name").textContent = device.device ? device.device + " — " + (device.address || "") : (device.address || "");
  $("command-send").disabled = !device.canSend;
  if (!device.canSend) status(device.why, "error");
  const entries = await api("/api/device/timeline");
  readings.length = 0;
  $("timeline").replaceChildren();
  for (const entry of entries) timelineArrived(entry, false);
  drawChart();
}

function drawChart() {
  const canvas = $("chart");
  const g = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height;
  g.clearRect(0, 0, w, h);
  g.font = "12px sans-serif";
  g.fillStyle = "#5d6575";
  if (readings.length === 0) {
    g.fillText("no readings yet (the demo's device sends them; `gateway run` shows its readings in its alerts)", 10, h / 2);
    return;
  }
  const values = readings.map((r) => r.value);
  const lo = Math.min(...values), hi = Math.max(...values);
  const span = hi - lo || 1;
  g.strokeStyle = "#1a5fb4";
  g.lineWidth = 2;
  g.beginPath();
  readings.forEach((r, i) => {
    const x = 40 + (readings.length === 1 ? 0 : (i / (readings.length - 1)) * (w - 50));
    const y = h - 15 - ((r.value - lo) / span) * (h - 30);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
  const last = readings[readings.length - 1];
  g.fillText(hi.toFixed(1), 2, 15);
  g.fillText(lo.toFixed(1), 2, h - 5);
  g.fillText(`${last.sensor || ""} ${last.value.toFixed(1)} ${last.unit || ""}`, w - 140, 15);
}

function status(text, cls) {
  const p = $("command-status");
  p.textContent = text;
  p.className = cls || "hint";
}

async function showReply(entry) {
  waitingFor = null;
  status("reply arrived", "ok");
  $("reply-box").hidden = false;
  $("reply-subject").textContent = entry.text;
  try {
    const mail = await api("/api/messages/" + encodeURIComponent(entry.mailId));
    $("reply-text").textContent = mail.text || "(no text part)";
  } catch (e) {
    $("reply-text").textContent = "the reply mail is gone from the mailbox (" + e.message + ")";
  }
}

$("command-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("reply-box").hidden = true;
  status("signing and sending…");
  try {
    const sent = await api("/api/device/commands", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ commands: $("command-text").value, subject: $("command-subject").value }),
    });
    waitingFor = sent.messageId;
    status(`sent ${sent.commands.length} signed command(s) to ${sent.to} as <${sent.messageId}>; waiting for the reply…`);
    // The reply may have come in before this answer did.
    const replies = await api("/api/device/timeline?kind=reply");
    const early = replies.find((r) => r.inReplyTo === waitingFor);
    if (early) showReply(early);
  } catch (e) {
    status(e.message, "error");
  }
});

// --- frames ------------------------------------------------------------------------------------
let capture = null;

async function loadCaptures(pick) {
  const files = await api("/api/frames");
  const select = $("capture-select");
  select.replaceChildren(...files.map((f) => {
    const option = el("option", f.name);
    option.value = f.id;
    return option;
  }));
  select.hidden = files.length === 0;
  if (pick || (!capture && files.length > 0)) {
    select.value = pick || files[0].id;
    openCapture(select.value);
  }
}

async function openCapture(id) {
  capture = id;
  $("frame-view").hidden = true;
  const result = await api("/api/frames/" + encodeURIComponent(id));
  $("capture-status").textContent = `${result.name}: ${result.frames.length} frame(s)` + (result.error ? ` — stopped: ${result.error}` : "");
  $("capture-status").className = result.error ? "error" : "hint";
  $("frame-list").tBodies[0].replaceChildren(...result.frames.map((f) => {
    const row = el("tr", null, "frame pick");
    row.dataset.frame = f.frame;
    row.append(el("td", f.line));
    row.addEventListener("click", () => openFrame(f.frame));
    return row;
  }));
  const connections = await api("/api/frames/" + encodeURIComponent(id) + "/dialogue");
  $("dialogue").replaceChildren(...connections.map((c) => {
    const box = el("div", null, "conn");
    box.append(el("strong", `${c.protocol} ${c.client} → ${c.server}`), el("div", c.evidence, "hint"));
    const lines = el("pre");
    for (const e of c.entries) {
      const who = e.kind === "anomaly" ? "!" : e.from === "client" ? "C:" : "S:";
      lines.append(el("span", `#${e.frames.join(",")} ${who} ${e.kind === "tls" ? "TLS: " : ""}${e.text}\n`, e.kind === "anomaly" ? "a" : e.from === "client" ? "c" : "s"));
    }
    box.append(lines);
    return box;
  }));
}

async function openFrame(n) {
  const frame = await api(`/api/frames/${encodeURIComponent(capture)}/${n}`);
  for (const row of $("frame-list").tBodies[0].rows) row.classList.toggle("selected", row.dataset.frame === String(n));
  $("frame-view").hidden = false;
  $("frame-heading").textContent = frame.heading;
  const body = $("frame-fields").tBodies[0];
  body.replaceChildren();
  for (const layer of frame.layers) {
    for (const f of layer.fields || []) {
      const row = el("tr");
      row.append(el("td", layer.layer), el("td", f.name), el("td", f.value), el("td", f.meaning));
      body.append(row);
    }
  }
  $("frame-hex").textContent = frame.explain;
  $("frame-svg").src = `/api/frames/${encodeURIComponent(capture)}/${n}/svg`;
}

$("capture-select").addEventListener("change", () => openCapture($("capture-select").value));
$("capture-file").addEventListener("change", async () => {
  const file = $("capture-file").files[0];
  if (!file) return;
  $("capture-status").textContent = "reading " + file.name + "…";
  $("capture-status").className = "hint";
  try {
    const added = await api("/api/frames?name=" + encodeURIComponent(file.name), { method: "POST", body: file });
    await loadCaptures(added.id);
  } catch (e) {
    $("capture-status").textContent = e.message;
    $("capture-status").className = "error";
  }
});

// --- live feed ---------------------------------------------------------------------------------
function connect() {
  const events = new EventSource("/api/events");
  events.onopen = () => { $("live").textContent = "live"; $("live").className = "live on"; };
  events.onerror = () => { $("live").textContent = "reconnecting"; $("live").className = "live off"; };
  events.addEventListener("mail", (e) => mailArrived(JSON.parse(e.data)));
  events.addEventListener("deleted", (e) => {
    const d = JSON.parse(e.data);
    if (d.all) loadMail();
    else $("mail-list").querySelector(`tr[data-id="${CSS.escape(d.id)}"]`)?.remove();
  });
  events.addEventListener("timeline", (e) => timelineArrived(JSON.parse(e.data), true));
  events.addEventListener("capture", () => loadCaptures());
}

async function start() {
  connect();
  await Promise.all([loadMailboxes().then(loadMail), loadTimeline(), loadCaptures()]).catch((e) => {
    $("mail-empty").textContent = e.message;
    $("mail-empty").className = "error";
  });
  document.body.dataset.ready = "true";
}
start();
