// The case page: live transcript (polled every 2 s), claim, reply, hand back, resolve.
(function () {
  const root = document.getElementById("case");
  const id = root.dataset.caseId;
  const notice = document.getElementById("notice");
  const say = (text, bad) => { notice.textContent = text; notice.className = bad ? "error" : "ok"; };

  function item(list, who, text, when) {
    const li = document.createElement("li");
    li.className = who.split(" ")[0];
    const head = document.createElement("span");
    head.className = "who";
    head.textContent = who + (when ? " · " + new Date(when * 1000).toLocaleTimeString() : "");
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = text;
    li.append(head, body);
    list.append(li);
  }

  async function refresh() {
    const data = await consoleApi("GET", "/api/cases/" + id);
    if (!data.case) return;
    const c = data.case;
    document.getElementById("status").textContent = c.status + (c.claimed_by ? " by " + c.claimed_by : "");
    const transcript = document.getElementById("transcript");
    transcript.replaceChildren();
    if (data.transcript_error) item(transcript, "system", "Transcript unavailable: " + data.transcript_error);
    for (const m of data.transcript) item(transcript, m.from, m.text, m.at);
    const log = document.getElementById("log");
    log.replaceChildren();
    for (const e of c.log) item(log, e.actor, e.action + (e.text ? ": " + e.text : ""), Date.parse(e.at) / 1000);
  }

  document.getElementById("claim").addEventListener("click", async () => {
    const r = await consoleApi("POST", "/api/cases/" + id + "/claim");
    say(r.claimed ? "You have this case." : (r.error || "Not claimed."), !r.claimed);
    refresh();
  });
  document.getElementById("handback").addEventListener("click", async () => {
    const r = await consoleApi("POST", "/api/cases/" + id + "/handback");
    say(r.handed_back ? "Handed back: the assistant answers the learner again." : (r.error || "Not handed back."), !r.handed_back);
    refresh();
  });
  document.getElementById("reply-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const box = document.getElementById("reply");
    const r = await consoleApi("POST", "/api/cases/" + id + "/reply", { text: box.value });
    if (r.sent) { box.value = ""; say("Reply sent."); } else { say(r.error || "Not sent.", true); }
    refresh();
  });
  document.getElementById("resolve-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const r = await consoleApi("POST", "/api/cases/" + id + "/resolve", { note: document.getElementById("note").value });
    say(r.resolved ? "Resolved." : (r.error || "Not resolved."), !r.resolved);
    refresh();
  });
  refresh();
  setInterval(refresh, 2000);
})();
