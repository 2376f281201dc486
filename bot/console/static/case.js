// The case page: live transcript (polled every 2 s, new lines appended; with the broker on, also pushed
// as Rasa publishes them), claim, reply, hand back, resolve.
(function () {
  const root = document.getElementById("case");
  const id = root.dataset.caseId;
  const notice = document.getElementById("notice");
  const replyNotice = document.getElementById("reply-notice");
  const say = (where, text, bad) => { where.textContent = text; where.className = bad ? "error" : "ok"; };
  const shown = { transcript: [], log: [] };
  const key = (entry) => JSON.stringify(entry);
  let polled = [];  // the transcript as the last poll read it from Rasa: the record
  const pushed = [];  // lines the broker brought that the record does not have yet

  function item(who, text, when) {
    const li = document.createElement("li");
    li.className = who.split(" ")[0];
    const head = document.createElement("span");
    head.className = "who";
    head.textContent = who + (when ? " · " + new Date(when).toLocaleString() : "");
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = text;
    li.append(head, body);
    return li;
  }

  // Append what is new, so a screen reader hears only new lines and a selection survives the refresh;
  // rebuild only if the history changed under us (e.g. the learner's data was deleted).
  function sync(name, entries) {
    const list = document.getElementById(name);
    const keys = entries.map((e) => JSON.stringify(e));
    const old = shown[name];
    const prefix = old.length <= keys.length && old.every((k, i) => k === keys[i]);
    if (!prefix) { list.replaceChildren(); shown[name] = []; }
    for (let i = shown[name].length; i < entries.length; i++) list.append(item(...entries[i]));
    shown[name] = keys;
  }

  // A pushed line stays until the poll has it (Rasa publishes an event just before storing it) and goes
  // once the record has moved past it without it: the record wins.
  function showTranscript() {
    const recorded = new Set(polled.map(key));
    const last = polled.reduce((latest, e) => Math.max(latest, e[2] || 0), 0);
    for (let i = pushed.length - 1; i >= 0; i--) {
      if (recorded.has(key(pushed[i])) || (pushed[i][2] || 0) < last) pushed.splice(i, 1);
    }
    sync("transcript", polled.concat(pushed));
  }

  function charCount(text) { return [...text].length; }  // code points, as the server counts
  function tooLong(what, text, max) {
    const n = charCount(text);
    return n > max ? what + " is too long: " + n.toLocaleString("en-US") + " characters, at most " +
      max.toLocaleString("en-US") + "." : null;
  }

  async function refresh() {
    const data = await consoleApi("GET", "/api/cases/" + id);
    if (!data.case) return;
    const c = data.case;
    document.getElementById("status").textContent = c.status + (data.holder_name ? " by " + data.holder_name : "");
    document.getElementById("claim").disabled = c.status !== "new";
    const lines = data.transcript.map((m) => [m.from, m.text, m.at ? m.at * 1000 : null]);
    if (data.transcript_error) lines.unshift(["system", "Transcript unavailable: " + data.transcript_error, null]);
    polled = lines;
    showTranscript();
    sync("log", c.log.map((e) => [e.actor, e.action + (e.text ? ": " + e.text : ""), Date.parse(e.at)]));
  }

  document.getElementById("claim").addEventListener("click", async () => {
    const r = await consoleApi("POST", "/api/cases/" + id + "/claim");
    say(notice, r.claimed ? "You have this case." : (r.error || "Not claimed."), !r.claimed);
    refresh();
  });
  document.getElementById("handback").addEventListener("click", async () => {
    const r = await consoleApi("POST", "/api/cases/" + id + "/handback");
    say(notice, r.handed_back ? "Handed back: the assistant answers the learner again." : (r.error || "Not handed back."), !r.handed_back);
    refresh();
  });
  document.getElementById("reply-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const box = document.getElementById("reply");
    const long = tooLong("The reply", box.value.trim(), Number(box.dataset.max));
    if (long) { say(replyNotice, long, true); return; }  // nothing sent; the text stays to be shortened
    const r = await consoleApi("POST", "/api/cases/" + id + "/reply", { text: box.value });
    if (r.sent) { box.value = ""; say(replyNotice, "Reply sent."); } else { say(replyNotice, r.error || "Not sent.", true); }
    refresh();
  });
  document.getElementById("resolve-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const note = document.getElementById("note");
    const long = tooLong("The resolution note", note.value.trim(), Number(note.dataset.max));
    if (long) { say(notice, long, true); return; }
    const r = await consoleApi("POST", "/api/cases/" + id + "/resolve", { note: note.value });
    say(notice, r.resolved ? "Resolved." : (r.error || "Not resolved."), !r.resolved);
    refresh();
  });
  // Live lines over Server-Sent Events, only when the console consumes the broker (data-live). The
  // browser reconnects by itself when a stream ends; only a gap that lasts shows as "paused".
  function startLive() {
    const badge = document.getElementById("live");
    if (!root.dataset.live || !badge || !window.EventSource) return;
    const show = (on) => {
      badge.textContent = on ? "live" : "live updates paused";
      badge.className = "live " + (on ? "on" : "paused");
    };
    let pausing = null;
    function open() {
      const source = new EventSource("/api/cases/" + id + "/live");
      source.addEventListener("status", (ev) => { clearTimeout(pausing); show(JSON.parse(ev.data).live === true); });
      source.addEventListener("message", (ev) => {
        const m = JSON.parse(ev.data);
        const line = [m.from, m.text, m.at ? m.at * 1000 : null];
        if (!polled.concat(pushed).some((e) => key(e) === key(line))) { pushed.push(line); showTranscript(); }
      });
      source.addEventListener("error", () => {
        clearTimeout(pausing);
        pausing = setTimeout(() => { if (source.readyState !== EventSource.OPEN) show(false); }, 4000);
        if (source.readyState === EventSource.CLOSED) { source.close(); setTimeout(open, 10000); }  // refused
      });
    }
    open();
  }

  refresh();
  setInterval(refresh, 2000);
  startLive();
})();
