// Polls the dashboard data every few seconds with the session cookie and redraws the three tables.
"use strict";
const refreshMs = 3000;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
}

function fill(tableId, rows, columns, emptyText) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  if (rows.length === 0) {
    body.append(el("tr", {}, el("td", { colspan: String(columns), class: "empty" }, emptyText)));
    return;
  }
  for (const row of rows) body.append(row);
}

function orgRow(org) {
  const tr = el("tr", { "data-org": org.id },
    el("td", {}, org.id),
    el("td", { class: `state state-${org.state}` }, org.state),
    el("td", { class: org.ready ? "yes" : "no" }, org.ready ? "yes" : "no"),
    el("td", {}, org.request.domain || ""),
    el("td", {}, (org.request.products || []).join(", ")),
    el("td", { class: "muted" }, org.message || ""));
  return tr;
}

function siteRow(site) {
  const products = el("td", {});
  for (const p of site.products) products.append(el("span", { class: `chip ${p.ready ? "yes" : "no"}` }, `${p.kind} ${p.ready ? "ready" : "not ready"}`));
  return el("tr", { "data-site": `${site.namespace}/${site.name}` },
    el("td", {}, `${site.namespace}/${site.name}`),
    el("td", {}, site.domain || ""),
    el("td", { class: site.ready ? "yes" : "no" }, site.ready ? "yes" : (site.reason || "no")),
    products);
}

function rolloutRow(rollout) {
  const cell = el("td", {});
  for (const r of rollout.revisions) {
    const line = el("div", {}, el("span", { class: "bar", style: `width:${Math.max(1, r.percent)}px` }), `${r.tag} ${r.state} ${r.percent}%`);
    cell.append(line);
  }
  return el("tr", { "data-rollout": rollout.name }, el("td", {}, rollout.name), el("td", {}, rollout.app || ""), el("td", {}, rollout.target || ""), cell);
}

async function refresh() {
  const error = document.getElementById("error");
  try {
    const response = await fetch("/api/v1/dashboard", { credentials: "same-origin", cache: "no-store" });
    if (response.status === 401) { window.location.assign("/login"); return; }
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const data = await response.json();
    fill("orgs", data.orgs.map(orgRow), 6, "No orgs yet.");
    fill("sites", data.sites.map(siteRow), 4, "No Sites.");
    fill("rollouts", data.rollouts.map(rolloutRow), 4, "No rollouts.");
    document.getElementById("org-count").textContent = `(${data.orgs.length})`;
    document.getElementById("updated").textContent = `updated ${new Date(data.generatedAt).toLocaleTimeString()}`;
    document.body.dataset.refreshed = String((Number(document.body.dataset.refreshed) || 0) + 1);
    error.hidden = true;
  } catch (e) {
    error.textContent = `Could not refresh: ${e.message}`;
    error.hidden = false;
  }
}

refresh();
setInterval(refresh, refreshMs);
