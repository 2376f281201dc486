// The queue refreshes its rows every 5 s (no page reload, so focus and scroll stay where they are).
(function () {
  const body = document.querySelector("#queue tbody");
  function cell(text, cls) { const td = document.createElement("td"); if (cls) td.className = cls; td.textContent = text; return td; }
  async function refresh() {
    if (document.hidden) return;
    const data = await consoleApi("GET", "/api/cases");
    if (!data.cases) return;
    const rows = data.cases.map((c) => {
      const tr = document.createElement("tr");
      tr.className = "p" + c.priority;
      const prio = document.createElement("td");
      const badge = document.createElement("span"); badge.className = "prio"; badge.textContent = "P" + c.priority;
      prio.append(badge);
      const why = document.createElement("td");
      const link = document.createElement("a"); link.href = "/cases/" + c.id; link.textContent = c.summary.headline;
      const rule = document.createElement("small"); rule.textContent = c.rule;
      why.append(link, document.createElement("br"), rule);
      const opened = new Date(c.created_at).toLocaleString([], { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" });
      tr.append(prio, cell(opened), why, cell(c.sender_id), cell(c.channel || "?"),
                cell(c.status + (c.claimed_by ? " by " + c.claimed_by : "")));
      return tr;
    });
    if (!rows.length) { const tr = document.createElement("tr"); const td = cell("No open cases."); td.colSpan = 6; tr.append(td); rows.push(tr); }
    const focused = document.activeElement && document.activeElement.closest("#queue") ? document.activeElement.getAttribute("href") : null;
    body.replaceChildren(...rows);
    if (focused) { const again = body.querySelector('a[href="' + focused + '"]'); if (again) again.focus(); }
  }
  setInterval(refresh, 5000);
})();
