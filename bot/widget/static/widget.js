/* The career adviser's chat widget: socket.io to Rasa's socketio channel (bot/channels/socketio.py).
 *
 * What the server sends is built by bot/channels/socketio_renderer.py, with every learner-facing
 * sentence worded in catalog/advice/wording.py. This file only lays those words out, plus its own chrome
 * (connection status, "Start over", "Conversation resumed"). Server strings go into the page only through
 * textContent and attributes, never innerHTML, so a reply can never become markup.
 */
(function () {
  "use strict";

  const KEY_SESSION = "careerAdviser.sessionId";
  const KEY_TRANSCRIPT = "careerAdviser.transcript";
  const MAX_TRANSCRIPT = 300; // entries kept for re-rendering after a reload
  const GREET = "/greet"; // Rasa reads "/intent" as that intent directly: how a new session gets its greeting
  const STATUS = { // index.html shows "Connecting to the adviser…" until the first of these
    connected: "Connected.",
    reconnected: "Connected again.",
    unreachable: "Can't reach the adviser right now — retrying…",
  };

  const cfg = window.ADVISER_CONFIG || { rasaUrl: "http://localhost:5005" };
  const log = document.getElementById("log");
  const statusLine = document.getElementById("status");
  const typing = document.createElement("div");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");

  // --- storage: the session id and a copy of the transcript survive a reload ----------------------------
  // The server keeps the conversation (session_persistence) but does not replay it, so the page keeps
  // what it showed. Storage can be unavailable (privacy settings); then the page still works, unsaved.
  const store = {
    get(key, fallback) {
      try { const v = localStorage.getItem(key); return v === null ? fallback : JSON.parse(v); }
      catch (e) { return fallback; }
    },
    set(key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or blocked */ }
    },
    clear() {
      try { localStorage.removeItem(KEY_SESSION); localStorage.removeItem(KEY_TRANSCRIPT); } catch (e) { /* */ }
    },
  };

  function newSessionId() {
    // getRandomValues works on plain http too (randomUUID needs a secure context).
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  let sessionId = store.get(KEY_SESSION, null);
  let transcript = store.get(KEY_TRANSCRIPT, []);
  if (!sessionId || !Array.isArray(transcript)) { sessionId = newSessionId(); transcript = []; }
  store.set(KEY_SESSION, sessionId);

  function remember(entry) {
    transcript.push(entry);
    if (transcript.length > MAX_TRANSCRIPT) transcript = transcript.slice(-MAX_TRANSCRIPT);
    store.set(KEY_TRANSCRIPT, transcript);
  }

  // --- building blocks --------------------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeUrl(url) {
    // Only web links: a javascript: or data: URL from anywhere must not become a clickable link.
    try { const u = new URL(url); return u.protocol === "https:" || u.protocol === "http:" ? u.href : null; }
    catch (e) { return null; }
  }

  function append(node) {
    log.appendChild(node);
    window.scrollTo(0, document.documentElement.scrollHeight);
  }

  function bubble(who, text, extraClass) {
    // white-space: pre-wrap in the CSS keeps the server's newlines.
    append(el("p", `bubble ${who}${extraClass ? " " + extraClass : ""}`, text));
  }

  function note(text) {
    append(el("p", "note", text));
  }

  function button(title, payload, label) {
    const b = el("button", "reply", title);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", () => send(payload, title));
    return b;
  }

  function link(title, url, label) {
    const href = safeUrl(url);
    if (!href) return null;
    const a = el("a", "provider-link", title);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    if (label) a.setAttribute("aria-label", label);
    return a;
  }

  function cardButtons(buttons, context) {
    // A card's own buttons (rasa-webchat's shape): a provider link and a "Why step N?" postback.
    // "Provider page" alone is ambiguous in a list of links, so the label names the credential.
    const row = el("div", "card-actions");
    for (const b of buttons || []) {
      const label = context ? `${b.title}: ${context}` : null;
      const node = b.type === "web_url" ? link(b.title, b.url, label) : button(b.title, b.payload, label);
      if (node) row.appendChild(node);
    }
    return row;
  }

  function quickReplies(replies) {
    const group = el("div", "quick-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    for (const r of replies) {
      if (r && r.title) group.appendChild(button(r.title, r.payload ?? r.title));
    }
    append(group);
  }

  function retireQuickReplies() {
    // Quick replies answer the last question only; once the learner has said something they go.
    for (const group of log.querySelectorAll(".quick-replies")) group.remove();
  }

  // --- the pathway, from VIEW (socketio_renderer.pathway_view) ------------------------------------------
  function stepCard(step, element) {
    const card = el("li", "card");
    const title = el("h2", "card-title");
    title.append(el("span", "step-number", step.number), el("span", null, step.title));
    card.append(title, el("p", "provider", step.provider));

    const facts = el("dl", "facts");
    for (const [term, value] of [["Time", step.duration], ["Cost", step.price]]) {
      if (!value) continue; // a duration the provider does not state is left out, not guessed
      const pair = el("div");
      pair.append(el("dt", null, term), el("dd", null, value));
      facts.appendChild(pair);
    }
    card.appendChild(facts);

    // The headline says "covers A, B and 1 more" (the tags below say it in full) or "recommended before X";
    // only the latter adds something to the tags.
    if (step.headline && !/^covers /.test(step.headline)) card.appendChild(el("p", "headline", step.headline));
    if (step.skills && step.skills.length) {
      const skills = el("ul", "skills");
      skills.setAttribute("aria-label", "Skills it covers");
      for (const s of step.skills) skills.appendChild(el("li", "skill", s));
      card.appendChild(skills);
    }
    if (step.flags && step.flags.length) {
      const flags = el("ul", "flags");
      flags.setAttribute("aria-label", "Flags");
      for (const f of step.flags) {
        const item = el("li", `flag flag-${String(f.kind).replace(/[^a-z-]/g, "")}`);
        item.append(el("span", "flag-label", f.label), el("span", "flag-reason", f.reason));
        flags.appendChild(item);
      }
      card.appendChild(flags);
    }
    const buttons = element ? element.buttons : (step.url ? [{ type: "web_url", url: step.url, title: step.url }] : []);
    card.appendChild(cardButtons(buttons, step.title));
    return card;
  }

  function timeline(view) {
    const section = el("section", "timeline");
    section.setAttribute("aria-label", "Timeline");
    section.appendChild(el("h2", null, "Timeline"));
    const entries = view.entries || [];
    const total = entries.reduce((sum, e) => sum + (e.weeks || 0), 0);
    const list = el("ol", "timeline-entries");
    entries.forEach((entry, i) => {
      // A step whose time is not stated gets no bar: the server left it out rather than guess.
      const item = el("li", `timeline-entry${entry.estimated ? " estimated" : ""}${entry.weeks ? "" : " unknown"}`);
      item.appendChild(el("span", "timeline-title", `${i + 1}. ${entry.title}`));
      const track = el("span", "timeline-track");
      track.setAttribute("aria-hidden", "true");
      if (entry.weeks && total > 0) {
        const bar = el("span", "timeline-bar");
        bar.style.left = `${(100 * (entry.start_week || 0)) / total}%`;
        bar.style.width = `${Math.max(2, (100 * entry.weeks) / total)}%`;
        track.appendChild(bar);
      }
      item.append(track, el("span", "timeline-label", entry.label));
      list.appendChild(item);
    });
    section.appendChild(list);
    if (view.summary) section.appendChild(el("p", "timeline-summary", view.summary));
    return section;
  }

  let pathwayClosing = null; // the text bubble that repeats what the pathway block already shows

  function pathway(view, elements) {
    const section = el("section", "pathway");
    section.setAttribute("aria-label", view.heading || "Pathway");
    const cards = el("ol", "cards");
    (view.steps || []).forEach((step, i) => cards.appendChild(stepCard(step, (elements || [])[i])));
    section.appendChild(cards);

    const summary = el("div", "pathway-summary");
    if (view.totals) summary.appendChild(el("p", "totals", view.totals));
    if (view.remarks && view.remarks.length) {
      const remarks = el("ul", "remarks");
      for (const r of view.remarks) remarks.appendChild(el("li", null, r));
      summary.appendChild(remarks);
    }
    section.appendChild(summary);
    if (view.timeline) section.appendChild(timeline(view.timeline));
    append(section);
    // socketio_renderer sends totals and remarks again as plain text (for widgets that cannot show the view),
    // with the follow-up buttons; that exact text is not shown twice, its buttons are.
    pathwayClosing = [view.totals, ...(view.remarks || [])].join("\n");
  }

  function genericCards(elements) {
    const cards = el("ol", "cards");
    for (const e of elements || []) {
      const card = el("li", "card");
      card.append(el("h2", "card-title", e.title), el("p", "provider", e.subtitle));
      card.appendChild(cardButtons(e.buttons, e.title));
      cards.appendChild(card);
    }
    append(cards);
  }

  // --- one bot message (the shapes socketio_renderer.render emits) --------------------------------------
  function showBot(msg) {
    if (!msg || typeof msg !== "object") return;
    const attachment = msg.attachment && typeof msg.attachment === "object" ? msg.attachment : null;
    const payload = attachment && attachment.payload ? attachment.payload : {};
    if (attachment && attachment.type === "template" && payload.pathway) pathway(payload.pathway, payload.elements);
    else if (attachment && attachment.type === "template") genericCards(payload.elements);
    else if (attachment && attachment.type === "image" && safeUrl(payload.src)) {
      const img = el("img", "bot-image");
      img.src = safeUrl(payload.src);
      img.alt = payload.alt || "Image from the adviser";
      append(img);
    }
    if (typeof msg.text === "string" && msg.text.trim()) {
      if (msg.text === pathwayClosing) pathwayClosing = null;
      else bubble("bot", msg.text, msg.error ? "error" : "");
    }
    if (Array.isArray(msg.quick_replies) && msg.quick_replies.length) quickReplies(msg.quick_replies);
    // {custom: ...} carries data for other front ends (the pathway's raw payload); it has no words to show.
  }

  function showUser(text) {
    retireQuickReplies();
    bubble("user", text);
  }

  // --- the connection -----------------------------------------------------------------------------------
  function setStatus(text, kind) {
    statusLine.textContent = text;
    statusLine.dataset.state = kind;
  }

  const rasa = new URL(cfg.rasaUrl);
  // io() takes the origin; a Rasa behind a path prefix (https://host/rasa) has its socket under that prefix.
  // Reconnection is socket.io's own, with retries forever; capped at 5 s so recovery shows up quickly.
  const socket = io(rasa.origin, {
    path: `${rasa.pathname.replace(/\/+$/, "")}/socket.io`,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    // Behind the production load balancer, every request of this conversation's socket goes to one Rasa
    // server (deploy/nginx.conf.template hashes on it); a single server ignores it.
    query: { session_id: sessionId },
  });
  let ready = false; // the server confirmed our session: replies reach this page
  let confirmedOnce = false; // "Connected again" only after a connection that worked was lost
  let lostConnection = false;
  let greetedSession = null;
  let typingTimer = null;

  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(() => setTyping(false), 45000);
  }

  function emitMessage(message) {
    socket.emit("user_uttered", { message, session_id: sessionId, customData: { page: window.location.href } });
    setTyping(true);
  }

  function send(payload, shownText) {
    if (!ready) { setStatus(STATUS.unreachable, "down"); return false; }
    showUser(shownText);
    remember({ from: "user", text: shownText });
    emitMessage(payload);
    input.focus(); // the clicked quick reply is gone; keep keyboard users in the conversation
    return true;
  }

  socket.on("connect", () => {
    // On every (re)connect: a new socket must join the session's room again, or replies go nowhere.
    socket.emit("session_request", { session_id: sessionId });
  });

  socket.on("session_confirm", (data) => {
    const confirmed = typeof data === "string" ? data : data && data.session_id;
    if (confirmed && confirmed !== sessionId) { sessionId = confirmed; store.set(KEY_SESSION, sessionId); }
    ready = true;
    confirmedOnce = true;
    setStatus(lostConnection ? STATUS.reconnected : STATUS.connected, "up");
    if (!transcript.length && greetedSession !== sessionId) {
      greetedSession = sessionId;
      emitMessage(GREET);
    }
  });

  socket.on("bot_uttered", (msg) => {
    setTyping(false);
    showBot(msg);
    remember({ from: "bot", msg });
  });

  function lost() {
    ready = false;
    lostConnection = confirmedOnce;
    setTyping(false);
    setStatus(STATUS.unreachable, "down");
  }
  socket.on("connect_error", lost);
  socket.on("disconnect", (reason) => {
    if (reason === "io client disconnect") { ready = false; return; } // "Start over" below: not a loss
    lost();
    // socket.io retries by itself after a dropped connection, but not when the server closed the socket
    // deliberately (e.g. on its shutdown); keep trying then too.
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 2000);
  });

  // --- the page -----------------------------------------------------------------------------------------
  typing.className = "typing";
  typing.hidden = true;
  typing.setAttribute("aria-hidden", "true");
  typing.append(el("span"), el("span"), el("span"));
  log.after(typing);

  form.addEventListener("submit", (event) => {
    event.preventDefault(); // Enter in the input submits the form; the page must not reload
    const text = input.value.trim();
    if (text && send(text, text)) input.value = "";
  });

  document.getElementById("start-over").addEventListener("click", () => {
    store.clear();
    sessionId = newSessionId();
    store.set(KEY_SESSION, sessionId);
    transcript = [];
    pathwayClosing = null;
    log.replaceChildren();
    setTyping(false);
    // A fresh socket: the old one is still in the old session's room, whose late replies must not show here.
    // Its "connect" handler asks for the new session; the confirmation brings the greeting.
    socket.disconnect().connect();
    input.focus();
  });

  if (transcript.length) {
    for (const entry of transcript) {
      if (entry.from === "user") showUser(entry.text);
      else showBot(entry.msg);
    }
    note("Conversation resumed.");
  }

  // For the browser tests and for debugging from the console; nothing on the page uses it.
  window.careerAdviser = { get sessionId() { return sessionId; } };
})();
