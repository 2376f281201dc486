// The case page: live transcript (polled every 2 s, new lines appended), claim, reply, hand back, resolve.
(function () {
  const root = document.getElementById("case");
  const id = root.dataset.caseId;
  const notice = document.getElementById("notice");
  const replyNotice = document.getElementById("reply-notice");
  const say = (where, text, bad) => { where.textContent = text; where.className = bad ? "error" : "ok"; };
  const shown = { transcript: [], log: [] };

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

  async function refresh() {
    const data = await consoleApi("GET", "/api/cases/" + id);
    if (!data.case) return;
    const c = data.case;
    document.getElementById("status").textContent = c.status + (data.holder_name ? " by " + data.holder_name : "");
    document.getElementById("claim").disabled = c.status !== "new";
    const lines = data.transcript.map((m) => [m.from, m.text, m.at ? m.at * 1000 : null]);
    if (data.transcript_error) lines.unshift(["system", "Transcript unavailable: " + data.transcript_error, null]);
    sync("transcript", lines);
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
    const r = await consoleApi("POST", "/api/cases/" + id + "/reply", { text: box.value });
    if (r.sent) { box.value = ""; say(replyNotice, "Reply sent."); } else { say(replyNotice, r.error || "Not sent.", true); }
    refresh();
  });
  document.getElementById("resolve-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const r = await consoleApi("POST", "/api/cases/" + id + "/resolve", { note: document.getElementById("note").value });
    say(notice, r.resolved ? "Resolved." : (r.error || "Not resolved."), !r.resolved);
    refresh();
  });
  refresh();
  setInterval(refresh, 2000);
})();
