// The monitor's page. Instances: GET health at once (the first paint), then the server-sent events
// of GET events keep it live; each (re)connection loads the snapshot again. Runs (GET runs) and
// nodes (GET nodes) are read when their view is open and every few seconds while it stays open.
// Every call needs a bearer token (role viewer): the page asks for one and keeps it in
// sessionStorage (this tab only); EventSource cannot send a header, so the stream is read with
// fetch. Each instance view carries updatedAt, so an older view never overwrites a newer one
// (the snapshot and the stream may overlap).
(function () {
  "use strict";
  const REFRESH_MS = 5000;
  const HISTORY_POINTS = 500;
  const LEVELS = { DOWN: 0, UNKNOWN: 1, DEGRADED: 2, UP: 3 };
  const views = new Map();
  const body = document.getElementById("instances");
  const connection = document.getElementById("connection");
  let currentView = "instances";
  let historyKey = null;

  function newer(old, view) {
    return !old || !old.updatedAt || !view.updatedAt
        || Date.parse(view.updatedAt) >= Date.parse(old.updatedAt);
  }

  function upsert(view) {
    if (!view || !newer(views.get(view.instanceKey), view)) {
      return;
    }
    views.set(view.instanceKey, view);
    render(view);
    if (view.instanceKey === historyKey) {
      loadHistory(historyKey);
    }
    if (currentView === "nodes") {
      renderNodes(); // instance counts from what the page knows; no call per change
    }
  }

  function cell(row, name, text) {
    let td = row.querySelector("td." + name);
    if (!td) {
      td = document.createElement("td");
      td.className = name;
      row.appendChild(td);
    }
    td.textContent = text == null ? "" : String(text);
    return td;
  }

  function badge(td, status) {
    const span = document.createElement("span");
    span.className = "status";
    span.dataset.status = status;
    span.textContent = status;
    td.textContent = "";
    td.appendChild(span);
  }

  function when(instant) {
    return instant ? new Date(instant).toLocaleString() : "";
  }

  function render(view) {
    let row = body.querySelector('tr[data-key="' + CSS.escape(view.instanceKey) + '"]');
    if (!row) {
      row = document.createElement("tr");
      row.dataset.key = view.instanceKey;
      const after = Array.from(body.children).find(r => r.dataset.key > view.instanceKey);
      body.insertBefore(row, after || null);
      const link = document.createElement("a");
      link.textContent = view.instanceKey;
      link.title = "show its history";
      link.addEventListener("click", () => showHistory(view.instanceKey));
      cell(row, "key", "").appendChild(link);
      cell(row, "state", "");
      ["node", "since", "restarts", "supervision", "lifecycle", "message"].forEach(n => cell(row, n, ""));
    }
    row.dataset.status = view.status;
    row.dataset.failed = String(view.failed);
    badge(row.querySelector("td.state"), view.status);
    cell(row, "node", view.node);
    cell(row, "since", when(view.statusSince));
    cell(row, "restarts", view.restarts);
    cell(row, "supervision", view.failed ? "FAILED: " + view.failedReason : view.supervision);
    cell(row, "lifecycle", view.lifecycleState);
    cell(row, "message", view.lastMessage);
    summarise();
  }

  function summarise() {
    const counts = { UP: 0, DEGRADED: 0, DOWN: 0, UNKNOWN: 0 };
    views.forEach(v => { counts[v.status] = (counts[v.status] || 0) + 1; });
    const summary = document.getElementById("summary");
    summary.textContent = "";
    Object.keys(counts).forEach(status => {
      const span = document.createElement("span");
      span.dataset.status = status;
      span.textContent = status + ": " + counts[status];
      summary.appendChild(span);
    });
    document.getElementById("empty").hidden = views.size > 0;
  }

  // ---- history charts of one instance

  function historyPath(key) {
    return "health/" + key.split("/").map(encodeURIComponent).join("/")
        + "/history?limit=" + HISTORY_POINTS;
  }

  function showHistory(key) {
    historyKey = key;
    document.getElementById("history-key").textContent = key;
    document.getElementById("history").hidden = false;
    loadHistory(key);
  }

  function loadHistory(key) {
    get(historyPath(key))
      .then(newestFirst => {
        if (key !== historyKey) {
          return; // another instance was chosen meanwhile
        }
        const entries = newestFirst.slice().reverse();
        const health = entries
            .filter(e => e.kind === "STATUS_CHANGED" && e.status in LEVELS)
            .map(e => ({ t: Date.parse(e.at), y: LEVELS[e.status], status: e.status,
              title: when(e.at) + ": " + e.status + (e.message ? " (" + e.message + ")" : "") }));
        let count = 0;
        const restarts = entries
            .filter(e => e.kind === "RESTART_REQUESTED")
            .map(e => ({ t: Date.parse(e.at), y: ++count,
              title: when(e.at) + ": restart " + count + (e.message ? " (" + e.message + ")" : "") }));
        const now = Date.now();
        const from = entries.length ? Date.parse(entries[0].at) : null;
        const levels = {};
        Object.keys(LEVELS).forEach(s => { levels[LEVELS[s]] = s; });
        AysCharts.step(document.getElementById("health-chart"), health, levels, from, now);
        const counts = { 0: "0" };
        counts[Math.max(count, 1)] = String(Math.max(count, 1));
        AysCharts.step(document.getElementById("restarts-chart"), restarts, counts, from, now);
      })
      .catch(e => console.warn(e));
  }

  // ---- runs and nodes

  function duration(ms) {
    return ms == null ? "" : ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(1) + " s";
  }

  function fill(tbodyId, emptyId, items, keyName, columns) {
    const tbody = document.getElementById(tbodyId);
    tbody.textContent = "";
    items.forEach(item => {
      const row = document.createElement("tr");
      row.dataset.key = item[keyName];
      columns.forEach(([name, value, isBadge]) => {
        const td = cell(row, name, isBadge ? "" : value(item));
        if (isBadge) {
          badge(td, value(item));
        }
      });
      tbody.appendChild(row);
    });
    document.getElementById(emptyId).hidden = items.length > 0;
  }

  function loadRuns() {
    get("runs?limit=100")
      .then(runs => fill("runs", "runs-empty", runs, "runId", [
        ["instance", r => r.instanceKey],
        ["action", r => r.action],
        ["status", r => r.status, true],
        ["node", r => r.node],
        ["accepted", r => when(r.acceptedAt)],
        ["duration", r => duration(r.durationMs)],
        ["reason", r => (r.failedPhase ? r.failedPhase + ": " : "") + (r.reason || "")],
        ["id", r => r.runId]]))
      .catch(e => console.warn(e));
  }

  let nodes = [];

  function loadNodes() {
    get("nodes")
      .then(list => {
        nodes = list;
        renderNodes();
      })
      .catch(e => console.warn(e));
  }

  function renderNodes() {
    const perNode = new Map();
    views.forEach(v => { perNode.set(v.node, (perNode.get(v.node) || 0) + 1); });
    fill("nodes", "nodes-empty", nodes, "nodeId", [
      ["node", n => n.nodeId],
      ["state", n => n.silent ? "SILENT" : "ALIVE", true],
      ["heartbeat", n => when(n.lastHeartbeatAt)],
      ["interval", n => n.intervalSeconds + " s"],
      ["instances", n => perNode.get(n.nodeId) || 0],
      ["version", n => n.version]]);
  }

  const loaders = { instances: () => {}, runs: loadRuns, nodes: loadNodes };

  function select(view) {
    currentView = view;
    document.querySelectorAll("nav button").forEach(b => {
      b.setAttribute("aria-selected", String(b.dataset.view === view));
    });
    Object.keys(loaders).forEach(v => {
      document.getElementById("view-" + v).hidden = v !== view;
    });
    if (token) {
      loaders[view]();
    }
  }

  document.querySelectorAll("nav button").forEach(b => {
    b.addEventListener("click", () => select(b.dataset.view));
  });
  setInterval(() => {
    if (token && currentView !== "instances") {
      loaders[currentView]();
    }
  }, REFRESH_MS);

  // ---- sign-in and calls

  const login = document.getElementById("login");
  let token = sessionStorage.getItem("ays.token");

  function headers(accept) {
    return { Accept: accept, Authorization: "Bearer " + token };
  }

  function refused(status) {
    return status === 401 || status === 403;
  }

  function refuse(status) {
    askForToken(status === 401
        ? "The token was refused (expired, or not from the issuer the monitor trusts)."
        : "The token lacks the role viewer.");
  }

  function get(path) {
    return fetch(path, { headers: headers("application/json") }).then(r => {
      if (refused(r.status)) {
        refuse(r.status);
      }
      return r.ok ? r.json() : Promise.reject(new Error("GET " + path + ": " + r.status));
    });
  }

  function askForToken(problem) {
    token = null;
    sessionStorage.removeItem("ays.token");
    document.getElementById("login-problem").textContent = problem || "";
    login.hidden = false;
    connection.dataset.state = "signed-out";
    connection.textContent = "signed out";
  }

  login.addEventListener("submit", function (e) {
    e.preventDefault();
    token = document.getElementById("token").value.trim();
    if (token) {
      sessionStorage.setItem("ays.token", token);
      login.hidden = true;
      connect();
      select(currentView);
    }
  });

  function loadAll() {
    get("health").then(list => list.forEach(upsert)).catch(e => console.warn(e));
  }

  // ---- the live stream

  function onEvent(event) {
    if (event.type === "hello") {
      connection.dataset.state = "live";
      connection.textContent = "live";
      loadAll(); // again once the stream is open, so that no change falls between the two
    } else if (event.type === "change") {
      upsert(event.instance);
    }
  }

  // Reads the server-sent events of GET events: blocks separated by a blank line, data: lines.
  async function stream() {
    const response = await fetch("events", { headers: headers("text/event-stream") });
    if (refused(response.status)) {
      refuse(response.status);
      return;
    }
    if (!response.ok) {
      throw new Error("GET events: " + response.status);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n")
            .filter(line => line.startsWith("data:"))
            .map(line => line.slice(5).replace(/^ /, ""))
            .join("\n");
        if (data) {
          onEvent(JSON.parse(data));
        }
      }
    }
  }

  function connect() {
    // The snapshot first, without waiting for the stream: the page shows the current state at
    // once, and the stream's hello loads it again to close any gap between the two.
    loadAll();
    stream()
      .catch(e => console.warn(e))
      .finally(() => {
        if (token) {
          // Reconnect after a pause; the next hello reloads the full picture.
          connection.dataset.state = "reconnecting";
          connection.textContent = "reconnecting";
          setTimeout(connect, 2000);
        }
      });
  }

  summarise();
  if (token) {
    connect();
  } else {
    askForToken();
  }
})();
