// Shared by the console pages: JSON calls that carry the session's CSRF token.
window.consoleApi = async function (method, path, body) {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const response = await fetch(path, {
    method,
    headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (response.status === 401) { window.location = "/login"; return {}; }
  const text = await response.text();
  let data = {};
  try { data = JSON.parse(text); } catch (e) { data = { error: text }; }
  data._status = response.status;
  return data;
};
