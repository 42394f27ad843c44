// The emulator dashboard. Plain browser JavaScript, no build step, no dependency: it polls a
// small summary and the request log every second and re-reads the page of personas it shows
// only when something changed (a write, a status count moving, or a job still running).
"use strict";
(function () {
  const PAGE = 24;
  const POLL_MS = 1000;
  const LOG_ROWS = 300;
  const STATUSES = ["pending", "training", "ready", "failed"];
  const PERSONA_FIELDS = [
    ["gender", "Gender"], ["ageRange", "Age range"], ["ethnicity", "Ethnicity"], ["bodyType", "Body type"],
    ["hairColor", "Hair colour"], ["hairStyle", "Hair style"], ["style", "Style"], ["vibe", "Vibe"],
    ["voiceDescription", "Voice"], ["brandVoice", "Brand voice"], ["language", "Language"], ["prompt", "Prompt"],
  ];

  const state = {
    summary: null,
    projectId: null,
    tab: "personas",
    status: null,
    q: "",
    offsets: { personas: 0, deleted: 0, jobs: 0 },
    view: null, // the last page read for the current tab
    viewKey: "", // what that page was read for; a different key means read again
    requests: new Map(), // seq -> entry
    requestCursor: 0,
    clockSkew: 0, // server time - local time, for progress bars between polls
    drawerId: null,
  };

  // ---- small DOM helpers (text always goes through textContent: no markup from data) ----
  const $ = (id) => document.getElementById(id);
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }
  const fmt = new Intl.NumberFormat();
  function ago(isoText) {
    if (!isoText) return "";
    const s = Math.round((Date.now() + state.clockSkew - Date.parse(isoText)) / 1000);
    if (s < 2) return "just now";
    if (s < 60) return `${s} s ago`;
    if (s < 3600) return `${Math.floor(s / 60)} min ago`;
    if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
    return new Date(isoText).toLocaleString();
  }
  const when = (isoText) => h("time", { datetime: isoText, title: isoText ? new Date(isoText).toLocaleString() : "" }, ago(isoText));
  const ms = (n) => (n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(n < 10000 ? 1 : 0)} s`);
  // Long ids make paths unreadable in a narrow column: keep their start (the full path is the title).
  const shortPath = (p) => p
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => `${u.slice(0, 8)}…`)
    .replace(/\b(inf|job|med)_[0-9A-Z]{26}\b/g, (id) => `${id.slice(0, 4)}…${id.slice(-5)}`);
  const shortId = (id) => (id.length > 16 ? `${id.slice(0, 9)}…${id.slice(-5)}` : id);
  function dueIn(isoText) {
    const s = Math.ceil((Date.parse(isoText) - Date.now() - state.clockSkew) / 1000);
    return s > 0 ? `due in ${s} s` : "due now";
  }
  /** A path that may wrap after each slash (never inside an id). */
  const wrappable = (text) => text.split("/").flatMap((part, i) => (i === 0 ? [part] : [h("wbr"), `/${part}`]));
  const pill = (status, label) => h("span", { class: `pill ${status}`, "data-status": status }, label || status);

  async function getJson(url, init) {
    const res = await fetch(url, init);
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = new Error((body && body.error && body.error.message) || `HTTP ${res.status}`);
      err.body = body;
      throw err;
    }
    return body;
  }

  // ---- polling ----
  async function tick() {
    try {
      const summary = await getJson("/_emulator/dashboard/summary");
      state.clockSkew = Date.parse(summary.serverTime) - Date.now();
      const previous = state.summary;
      state.summary = summary;
      if (!state.projectId || !summary.projects.some((p) => p.projectId === state.projectId)) state.projectId = summary.defaultProjectId;
      renderChrome();
      if (!previous || JSON.stringify(previous.faults) !== JSON.stringify(summary.faults)) renderFaults();
      await Promise.all([refreshView(false), pollRequests()]);
      setLive(true);
    } catch (e) {
      setLive(false, e);
    }
    setTimeout(tick, POLL_MS);
  }

  function setLive(ok, err) {
    $("live").className = `live ${ok ? "ok" : "down"}`;
    $("live-text").textContent = ok ? "live" : `disconnected${err ? ` (${err.message})` : ""}`;
  }

  function currentProject() {
    return state.summary && state.summary.projects.find((p) => p.projectId === state.projectId);
  }

  /** The page is read again when what it depends on moved, or while it shows something in progress. */
  async function refreshView(force) {
    const project = currentProject();
    if (!project || state.tab === "faults") return;
    const key = JSON.stringify([state.tab, state.projectId, state.status, state.q, state.offsets[state.tab], state.summary.version, project.counts]);
    const inProgress = state.view && state.view.items.some((i) => i.status === "pending" || i.status === "training" || i.status === "running");
    if (!force && key === state.viewKey && !inProgress) return;
    const params = new URLSearchParams({ offset: String(state.offsets[state.tab]), limit: String(PAGE) });
    if (state.q) params.set("q", state.q);
    if (state.tab === "personas" && state.status) params.set("status", state.status);
    const tab = state.tab;
    const page = await getJson(`/_emulator/dashboard/projects/${encodeURIComponent(state.projectId)}/${tab}?${params}`);
    if (tab !== state.tab) return; // the user switched tabs meanwhile
    state.view = page;
    state.viewKey = key;
    if (tab === "personas") renderPersonas(page);
    if (tab === "deleted") renderDeleted(page);
    if (tab === "jobs") renderJobs(page);
    if (state.drawerId) {
      const fresh = tab === "personas" && page.items.find((i) => i.influencerId === state.drawerId);
      if (fresh) renderDrawer(fresh);
    }
  }

  async function pollRequests() {
    // Ask again from the oldest entry still in flight, so its final status arrives too.
    let since = state.requestCursor;
    for (const e of state.requests.values()) if (e.status === null && e.seq - 1 < since) since = e.seq - 1;
    const data = await getJson(`/_emulator/dashboard/requests?since=${since}&limit=${LOG_ROWS}`);
    const fresh = new Set();
    for (const e of data.requests) {
      if (!state.requests.has(e.seq)) fresh.add(e.seq);
      state.requests.set(e.seq, e);
    }
    state.requestCursor = Math.max(state.requestCursor, data.lastSeq);
    const seqs = [...state.requests.keys()].sort((a, b) => a - b);
    for (const s of seqs.slice(0, Math.max(0, seqs.length - LOG_ROWS))) state.requests.delete(s);
    if (data.requests.length) renderRequests(fresh);
  }

  // ---- rendering ----
  function renderChrome() {
    const s = state.summary;
    $("config").replaceChildren(
      h("span", null, "API ", h("b", null, location.origin + "/v1")),
      h("span", null, "jobs take ", h("b", null, ms(s.config.jobMs))),
      h("span", null, "rate limit ", h("b", null, s.config.rateLimit ? `${s.config.rateLimit}/s per key` : "off")),
      h("span", null, h("b", null, String(s.jobsRunning)), s.jobsRunning === 1 ? " job running" : " jobs running"),
    );
    $("projects").replaceChildren(
      ...s.projects.map((p) => {
        const live = p.counts.pending + p.counts.training + p.counts.ready + p.counts.failed;
        return h("li", null, h("button", {
          "aria-current": p.projectId === state.projectId ? "true" : "false",
          "data-project": p.projectId,
          onclick: () => selectProject(p.projectId),
        }, h("span", { class: "pname" }, p.name), h("span", { class: "pmeta" }, `${fmt.format(live)} ${live === 1 ? "persona" : "personas"} · ${p.orgName}`)));
      }),
    );
    const p = currentProject();
    if (!p) return;
    $("project-name").textContent = p.name;
    $("project-id").textContent = p.projectId;
    const c = p.counts;
    const live = c.pending + c.training + c.ready + c.failed;
    $("stats").replaceChildren(
      ...[["ready", c.ready], ["in progress", c.training + c.pending], ["failed", c.failed], ["deleted", c.deleted]].map(([label, n]) =>
        h("div", { class: "stat", "data-stat": label }, h("b", null, fmt.format(n)), h("span", null, label))),
    );
    $("count-personas").textContent = fmt.format(live);
    $("count-deleted").textContent = c.deleted ? fmt.format(c.deleted) : "";
    $("count-faults").textContent = s.faults.length ? String(s.faults.length) : "";
    $("status-filter").replaceChildren(
      h("button", { "aria-pressed": String(state.status === null), onclick: () => setStatus(null) }, `All ${fmt.format(live)}`),
      ...STATUSES.map((st) => h("button", { "aria-pressed": String(state.status === st), "data-filter": st, onclick: () => setStatus(st) },
        `${st[0].toUpperCase()}${st.slice(1)} ${fmt.format(c[st])}`)),
    );
    $("request-total").textContent = `${fmt.format(s.lastRequestSeq)} since start`;
  }

  function progressOf(job) {
    if (!job || job.completedAt) return null;
    const start = Date.parse(job.createdAt);
    const now = Date.now() + state.clockSkew;
    return Math.max(0, Math.min(1, (now - start) / Math.max(1, job.durationMs)));
  }

  function portrait(item, cls) {
    const box = h("div", { class: `portrait ${item.status === "failed" ? "failed" : ""} ${cls || ""}` });
    if (item.thumbnailUrl) box.append(h("img", { src: item.thumbnailUrl, alt: `Portrait of ${item.name}`, loading: "lazy", width: 128, height: 128 }));
    else {
      box.append(h("div", { class: "placeholder" }));
      box.append(h("span", { class: "placeholder-label" }, item.status === "failed" ? "generation failed" : "generating portrait…"));
    }
    return box;
  }

  function renderPersonas(page) {
    const grid = $("persona-grid");
    if (page.items.length === 0) {
      grid.replaceChildren(h("div", { class: "empty" }, state.q || state.status ? "No persona matches this filter." : "No personas yet. Run `pulumi up` (or POST /v1/projects/:id/influencers) and they appear here."));
    } else {
      grid.replaceChildren(...page.items.map((item) => {
        const p = progressOf(item.job);
        return h("button", { class: "card", "data-persona": item.influencerId, onclick: () => openDrawer(item) },
          portrait(item),
          h("div", { class: "body" },
            h("div", { class: "name" }, item.name),
            pill(item.status),
            p === null ? null : h("div", { class: "progress", title: `generation ${Math.round(p * 100)}%` }, h("i", { style: `width:${Math.round(p * 100)}%` })),
            h("div", { class: "meta" }, [item.gender, item.ageRange, item.language].filter(Boolean).join(" · ")),
            h("div", { class: "meta" }, item.vibe || item.style || ""),
          ));
      }));
    }
    renderPager("personas", page);
  }

  function renderDeleted(page) {
    const body = $("deleted-table").tBodies[0];
    body.replaceChildren(...(page.items.length === 0
      ? [h("tr", null, h("td", { colspan: 5, class: "muted" }, "No deleted personas in this project."))]
      : page.items.map((d) => h("tr", { "data-deleted": d.influencerId },
        h("td", null, h("img", { class: "thumb", src: d.thumbnailUrl, alt: "", loading: "lazy" })),
        h("td", null, h("div", null, h("b", null, d.name)), h("div", { class: "mono muted" }, d.influencerId)),
        h("td", null, when(d.deletedAt)),
        h("td", { class: "reason" }, d.deleteReason ? d.deleteReason : h("span", { class: "muted" }, "no reason given")),
        h("td", null, pill(d.statusAtDelete)),
      ))));
    renderPager("deleted", page);
  }

  function renderJobs(page) {
    const body = $("jobs-table").tBodies[0];
    body.replaceChildren(...(page.items.length === 0
      ? [h("tr", null, h("td", { colspan: 7, class: "muted" }, "No jobs in this project."))]
      : page.items.map((j) => {
        const p = progressOf(j);
        return h("tr", { "data-job": j.jobId },
          h("td", { class: "mono", title: j.jobId }, shortId(j.jobId)),
          h("td", null, j.influencerName || j.influencerId),
          h("td", null, j.kind.replace("influencer_", "")),
          h("td", null, pill(j.status), j.outcome === "stuck" && !j.completedAt ? h("div", { class: "muted" }, "stuck (fault rule)") : null),
          h("td", null, when(j.createdAt)),
          h("td", { class: "nowrap" }, j.completedAt ? ms(Date.parse(j.completedAt) - Date.parse(j.createdAt)) : h("div", null,
            h("div", { class: "progress", title: `${Math.round((p || 0) * 100)}%` }, h("i", { style: `width:${Math.round((p || 0) * 100)}%` })),
            h("span", { class: "muted" }, `${Math.round((p || 0) * 100)}% of ${ms(j.durationMs)}`))),
          h("td", { class: "nowrap" }, j.completedAt ? when(j.completedAt) : h("span", { class: "muted", title: j.dueAt }, dueIn(j.dueAt))),
        );
      })));
    renderPager("jobs", page);
  }

  function renderPager(tab, page) {
    const from = page.total === 0 ? 0 : page.offset + 1;
    const to = Math.min(page.total, page.offset + page.items.length);
    const go = (offset) => { state.offsets[tab] = offset; refreshView(true); };
    $(`pager-${tab}`).replaceChildren(
      h("span", { "data-range": "" }, `${fmt.format(from)}–${fmt.format(to)} of ${fmt.format(page.total)}`),
      h("button", { disabled: page.offset === 0, onclick: () => go(Math.max(0, page.offset - PAGE)) }, "← Newer"),
      h("button", { disabled: to >= page.total, onclick: () => go(page.offset + PAGE), "data-next": "" }, "Older →"),
    );
  }

  function renderRequests(fresh) {
    const entries = [...state.requests.values()].sort((a, b) => b.seq - a.seq);
    $("requests").replaceChildren(...entries.map((e) => {
      const status = e.status === null ? "…" : e.status === 0 ? "reset" : String(e.status);
      const cls = e.status === null ? "sp" : e.status === 429 ? "s429" : `s${String(e.status)[0]}`;
      return h("li", { class: fresh.has(e.seq) ? "fresh" : "", "data-seq": e.seq, "data-status": status },
        h("span", { class: "method" }, e.method),
        h("span", { class: "path", title: e.path + (e.query ? `?${e.query}` : "") }, wrappable(shortPath(e.path) + (e.query ? `?${e.query}` : ""))),
        h("span", { class: `status ${cls}` }, status),
        h("span", { class: "sub" },
          when(e.at),
          e.replayed ? h("span", { class: "tag replay", title: `Idempotency-Key ${e.idempotencyKey}` }, "replayed") : null,
          e.status === 429 ? h("span", { class: "tag limited" }, "rate limited") : null,
          e.idempotencyKey ? h("span", { class: "mono", title: "Idempotency-Key" }, `key ${e.idempotencyKey.length > 28 ? e.idempotencyKey.slice(0, 27) + "…" : e.idempotencyKey}`) : null,
        ));
    }));
  }

  function describeAction(a) {
    switch (a.type) {
      case "status": return `answer ${a.status}${a.code ? ` ${a.code}` : ""}${a.retryAfter !== undefined ? `, Retry-After ${a.retryAfter}s` : ""}`;
      case "delay": return `delay ${ms(a.ms)}`;
      case "reset": return `drop the connection ${a.when} applying`;
      case "job-fail": return "generation fails";
      case "job-stuck": return "generation never ends";
      default: return a.type;
    }
  }

  function renderFaults() {
    const faults = state.summary ? state.summary.faults : [];
    $("faults-table").tBodies[0].replaceChildren(...(faults.length === 0
      ? [h("tr", null, h("td", { colspan: 5, class: "muted" }, "No fault rules: every request is served normally."))]
      : faults.map((f) => h("tr", { "data-rule": f.ruleId },
        h("td", { class: "mono" }, f.ruleId),
        h("td", null, f.method || "any"),
        h("td", { class: "mono" }, f.path),
        h("td", null, describeAction(f.action)),
        h("td", null, String(f.remaining)),
      ))));
  }

  // ---- the persona drawer ----
  function openDrawer(item) {
    state.drawerId = item.influencerId;
    renderDrawer(item);
    $("drawer").hidden = false;
  }
  function closeDrawer() {
    state.drawerId = null;
    $("drawer").hidden = true;
  }

  function renderDrawer(item) {
    const portraitUrl = item.thumbnailUrl ? item.thumbnailUrl.replace(/thumbnail\.svg$/, "portrait.svg") : null;
    const fields = h("dl", { class: "fields" }, ...PERSONA_FIELDS.flatMap(([k, label]) => {
      const v = item[k];
      return [h("dt", null, label), v === null || v === undefined ? h("dd", { class: "unset" }, "not set") : h("dd", { "data-field": k }, String(v))];
    }));
    const pers = item.personality;
    const personality = pers
      ? h("dl", { class: "fields" }, ...Object.entries(pers).flatMap(([k, v]) => [
        h("dt", null, k.replace(/([A-Z])/g, " $1").toLowerCase()),
        h("dd", null, Array.isArray(v) ? h("div", { class: "tags" }, ...v.map((t) => h("span", null, t))) : String(v)),
      ]))
      : h("p", { class: "muted" }, "No personality set.");
    const refs = item.referenceImages.length
      ? h("div", { class: "refs" }, ...item.referenceImages.map((r) => h("a", { href: r.url, target: "_blank", rel: "noopener" },
        h("img", { src: r.thumbnailUrl || r.url, alt: r.assetId, loading: "lazy" }), h("span", { class: "mono" }, r.assetId.slice(0, 14) + "…"))))
      : h("p", { class: "muted" }, item.status === "ready" ? "None bound." : "The generated portrait is bound when generation succeeds.");
    const job = item.job;
    $("drawer-content").replaceChildren(
      h("div", { class: "hero" },
        portraitUrl ? h("img", { src: portraitUrl, alt: `Portrait of ${item.name}` }) : portrait(item),
        h("div", null, h("h1", { id: "drawer-name" }, item.name), pill(item.status), h("div", { class: "mono muted", style: "margin-top:8px" }, item.influencerId))),
      h("h2", { class: "section-title" }, "Persona"), fields,
      h("h2", { class: "section-title" }, "Personality"), personality,
      h("h2", { class: "section-title" }, `Reference images (${item.referenceImages.length})`), refs,
      h("h2", { class: "section-title" }, "Generation job"),
      job ? h("dl", { class: "fields" },
        h("dt", null, "Job"), h("dd", { class: "mono" }, job.jobId),
        h("dt", null, "Status"), h("dd", null, pill(job.status)),
        h("dt", null, "Started"), h("dd", null, when(job.createdAt)),
        h("dt", null, "Took"), h("dd", null, job.completedAt ? ms(Date.parse(job.completedAt) - Date.parse(job.createdAt)) : `running (${ms(job.durationMs)} planned)`),
      ) : h("p", { class: "muted" }, "No job."),
      h("h2", { class: "section-title" }, "Record"),
      h("dl", { class: "fields" },
        h("dt", null, "Created"), h("dd", null, when(item.createdAt)),
        h("dt", null, "Updated"), h("dd", null, when(item.updatedAt))),
    );
  }

  // ---- controls ----
  function selectProject(id) {
    state.projectId = id;
    state.offsets = { personas: 0, deleted: 0, jobs: 0 };
    state.status = null;
    renderChrome();
    refreshView(true).catch((e) => setLive(false, e));
  }
  function setStatus(st) {
    state.status = st;
    state.offsets.personas = 0;
    renderChrome();
    refreshView(true).catch((e) => setLive(false, e));
  }
  function setTab(tab) {
    state.tab = tab;
    state.view = null;
    for (const b of document.querySelectorAll("[role=tab]")) b.setAttribute("aria-selected", String(b.dataset.tab === tab));
    for (const name of ["personas", "deleted", "jobs", "faults"]) $(`panel-${name}`).hidden = name !== tab;
    if (tab === "faults") renderFaults();
    else refreshView(true).catch((e) => setLive(false, e));
  }

  const form = $("fault-form");
  function syncActionFields() {
    const type = form.elements.type.value;
    for (const label of form.querySelectorAll("label[data-for]")) label.hidden = label.dataset.for !== type;
  }
  async function addFault(rule) {
    $("fault-error").textContent = "";
    try {
      await getJson("/_emulator/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(rule) });
      state.summary.faults = (await getJson("/_emulator/faults")).faults;
      renderChrome();
      renderFaults();
    } catch (e) {
      const fe = e.body && e.body.error && e.body.error.details && e.body.error.details.fieldErrors;
      $("fault-error").textContent = fe ? Object.entries(fe).map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ") : e.message;
    }
  }
  form.addEventListener("change", syncActionFields);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = form.elements;
    const action = { type: f.type.value };
    if (action.type === "status") {
      action.status = Number(f.status.value);
      if (f.retryAfter.value !== "") action.retryAfter = Number(f.retryAfter.value);
    }
    if (action.type === "delay") action.ms = Number(f.ms.value);
    if (action.type === "reset") action.when = f.when.value;
    const rule = { path: f.path.value.trim(), times: Number(f.times.value), action };
    if (f.method.value) rule.method = f.method.value;
    addFault(rule);
  });
  $("clear-faults").addEventListener("click", async () => {
    await fetch("/_emulator/faults", { method: "DELETE" });
    state.summary.faults = [];
    renderChrome();
    renderFaults();
  });
  const PRESETS = [
    ["Next create answers 503", { method: "POST", path: "/v1/projects/*/influencers", action: { type: "status", status: 503 } }],
    ["429 on the next 3 persona calls", { path: "/v1/influencers/*", times: 3, action: { type: "status", status: 429, retryAfter: 1 } }],
    ["Next generation fails", { method: "POST", path: "/v1/projects/*/influencers", action: { type: "job-fail" } }],
    ["Slow the next PATCH by 3 s", { method: "PATCH", path: "/v1/influencers/*", action: { type: "delay", ms: 3000 } }],
  ];
  $("fault-presets").replaceChildren(...PRESETS.map(([label, rule]) => h("button", { type: "button", onclick: () => addFault(rule) }, label)));

  for (const b of document.querySelectorAll("[role=tab]")) b.addEventListener("click", () => setTab(b.dataset.tab));
  let searchTimer = null;
  $("search").addEventListener("input", (ev) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.q = ev.target.value.trim();
      state.offsets.personas = 0;
      state.offsets.deleted = 0;
      refreshView(true).catch((e) => setLive(false, e));
    }, 200);
  });
  for (const el of document.querySelectorAll("[data-close]")) el.addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeDrawer(); });

  syncActionFields();
  tick();
})();
