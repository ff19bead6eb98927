// The search page: reads its state from the address (?q=&lang=&filter=&offset=&limit=),
// asks /search, and draws facets (languages, and the index's keyword and date
// fields: a click filters), results and pages. No framework, no build step.
"use strict";

const LANGUAGE_NAMES = { ar: "العربية", id: "Bahasa Indonesia", en: "English", und: "other" };
const DEFAULT_LIMIT = 10;

const $ = (id) => document.getElementById(id);
let inFlight = null;

function stateFromAddress() {
  const params = new URLSearchParams(location.search);
  const number = (name, fallback) => {
    const value = Number.parseInt(params.get(name) ?? "", 10);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    q: params.get("q") ?? "",
    lang: params.get("lang") ?? "",
    filters: params.getAll("filter"),
    offset: number("offset", 0),
    limit: number("limit", DEFAULT_LIMIT) || DEFAULT_LIMIT,
  };
}

function addressFor(state) {
  const params = new URLSearchParams({ q: state.q });
  if (state.lang) params.set("lang", state.lang);
  for (const filter of state.filters) params.append("filter", filter);
  if (state.offset) params.set("offset", String(state.offset));
  if (state.limit !== DEFAULT_LIMIT) params.set("limit", String(state.limit));
  return "/?" + params.toString();
}

function go(state) {
  history.pushState(null, "", addressFor(state));
  render(state);
}

// `params` values may be lists (filter=, facet=): each is sent.
async function fetchJson(params, signal) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of [].concat(value)) query.append(name, String(one));
  }
  const response = await fetch("/search?" + query.toString(), { signal });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || "the server answered " + response.status);
  return body;
}

// Bidirectional embedding, override and isolate controls (U+202A–U+202E,
// U+2066–U+2069) in a title or file name could reorder what is shown around
// them ("txt.exe" shown as "exe.txt"); they are dropped from indexed text,
// which is also set in <bdi> so that its direction stays its own.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

function plain(text) {
  return String(text).replace(BIDI_CONTROLS, "");
}

function isolated(text) {
  const bdi = document.createElement("bdi");
  bdi.textContent = plain(text);
  return bdi;
}

// The server escapes snippets and adds only <b> around matched words; keep
// exactly that, whatever arrives.
function snippetNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const node of Array.from(template.content.childNodes)) {
    if (node.nodeName === "B") {
      const mark = document.createElement("b");
      mark.textContent = plain(node.textContent);
      out.append(mark);
    } else {
      out.append(document.createTextNode(plain(node.textContent)));
    }
  }
  return out;
}

function drawFacets(state, counts) {
  const nav = $("facets");
  nav.replaceChildren();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const button = (lang, label, count) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "facet";
    b.dataset.lang = lang;
    b.setAttribute("aria-pressed", String(state.lang === lang));
    const name = document.createElement("span");
    name.textContent = label;
    if (lang && lang !== "und") name.lang = lang;
    name.dir = "auto";
    const number = document.createElement("span");
    number.className = "count";
    number.textContent = String(count);
    b.append(name, number);
    b.addEventListener("click", () => go({ ...state, lang, offset: 0 }));
    nav.append(b);
  };
  button("", "All languages", total);
  for (const [lang, count] of Object.entries(counts)) {
    button(lang, LANGUAGE_NAMES[lang] ?? lang, count);
  }
  nav.hidden = total === 0;
}

// The index's own keyword and date fields (not the built-in ones of files),
// asked of /info once: the fields the page counts.
const BUILT_IN_FIELDS = ["modified", "size", "path"];
let facetFields = null;

async function fieldsToCount() {
  if (facetFields) return facetFields;
  try {
    const info = await (await fetch("/info")).json();
    facetFields = Object.entries(info.fields ?? {})
      .filter(([name, type]) => !BUILT_IN_FIELDS.includes(name) && (type === "keyword" || type === "date"))
      .map(([name]) => name);
  } catch {
    facetFields = [];
  }
  return facetFields;
}

// A filter on one value, quoted when it holds a space.
function filterFor(field, value) {
  return /\s/.test(value) ? `${field}:"${value}"` : `${field}:${value}`;
}

function drawFieldFacets(state, facets, fields) {
  const nav = $("field-facets");
  nav.replaceChildren();
  for (const field of fields) {
    const values = facets[field] ?? [];
    if (!values.length) continue;
    const group = document.createElement("div");
    group.className = "field-facet";
    group.dataset.field = field;
    const label = document.createElement("span");
    label.className = "field-name";
    label.textContent = field;
    group.append(label);
    for (const { value, count } of values) {
      const filter = filterFor(field, value);
      const active = state.filters.includes(filter);
      const b = document.createElement("button");
      b.type = "button";
      b.className = "facet";
      b.dataset.filter = filter;
      b.setAttribute("aria-pressed", String(active));
      const name = document.createElement("span");
      name.dir = "auto";
      name.append(isolated(value));
      const number = document.createElement("span");
      number.className = "count";
      number.textContent = String(count);
      b.append(name, number);
      const filters = active ? state.filters.filter((f) => f !== filter) : [...state.filters, filter];
      b.addEventListener("click", () => go({ ...state, filters, offset: 0 }));
      group.append(b);
    }
    nav.append(group);
  }
  nav.hidden = nav.childElementCount === 0;
}

function drawResults(body) {
  const list = $("results");
  list.replaceChildren();
  for (const hit of body.results) {
    const item = document.createElement("li");
    item.className = "result";
    item.dataset.id = hit.id;
    item.dataset.lang = hit.lang;
    const title = document.createElement("h2");
    title.className = "title";
    title.dir = "auto";
    if (hit.lang !== "und") title.lang = hit.lang;
    const text = hit.title || hit.id;
    if (/^https?:\/\//.test(hit.url)) {
      const link = document.createElement("a");
      link.href = hit.url;
      link.rel = "noopener noreferrer";
      link.append(isolated(text));
      title.append(link);
    } else {
      title.append(isolated(text));
    }
    const meta = document.createElement("div");
    meta.className = "meta";
    const lang = document.createElement("span");
    lang.className = "lang";
    lang.textContent = hit.lang;
    meta.append(lang, `${hit.rank}. `, isolated(hit.id), ` · score ${hit.score.toFixed(3)}`);
    const snippet = document.createElement("p");
    snippet.className = "snippet";
    snippet.dir = "auto";
    if (hit.lang !== "und") snippet.lang = hit.lang;
    snippet.append(snippetNodes(hit.snippet));
    item.append(title, meta, snippet);
    list.append(item);
  }
}

function drawPager(state, body) {
  const shown = body.results.length;
  $("pager").hidden = shown === 0 && state.offset === 0;
  $("prev").disabled = state.offset === 0;
  $("next").disabled = state.offset + shown >= body.total || shown < state.limit;
  $("page").textContent = `page ${Math.floor(state.offset / state.limit) + 1}`;
  $("prev").onclick = () => go({ ...state, offset: Math.max(0, state.offset - state.limit) });
  $("next").onclick = () => go({ ...state, offset: state.offset + state.limit });
}

async function render(state) {
  $("q").value = state.q;
  $("error").hidden = true;
  if (!state.q.trim() && !state.filters.length) {
    $("results").replaceChildren();
    $("summary").textContent = "";
    $("facets").hidden = true;
    $("field-facets").hidden = true;
    $("pager").hidden = true;
    return;
  }
  document.body.dataset.state = "loading";
  if (inFlight) inFlight.abort();
  inFlight = new AbortController();
  const signal = inFlight.signal;
  const fields = await fieldsToCount();
  const params = { q: state.q, offset: state.offset, limit: state.limit };
  if (state.lang) params.lang = state.lang;
  if (state.filters.length) params.filter = state.filters;
  if (fields.length) params.facet = fields;
  try {
    // Facet counts come from the query without its language filter, so that
    // the other languages stay visible and clickable.
    const [body, all] = await Promise.all([
      fetchJson(params, signal),
      state.lang ? fetchJson({ q: state.q, filter: state.filters, limit: 0 }, signal) : null,
    ]);
    drawFacets(state, (all ?? body).facets.lang);
    drawFieldFacets(state, body.facets, fields);
    drawResults(body);
    drawPager(state, body);
    const first = body.results.length ? state.offset + 1 : 0;
    $("summary").textContent = body.results.length
      ? `Results ${first}–${state.offset + body.results.length} of about ${body.total}`
      : `No results for “${state.q}”`;
    document.body.dataset.state = "done";
  } catch (error) {
    if (error.name === "AbortError") return;
    $("error").textContent = error.message;
    $("error").hidden = false;
    $("results").replaceChildren();
    $("summary").textContent = "";
    document.body.dataset.state = "error";
  }
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  // A new query starts over in every language: its facets are not the old ones.
  go({ ...stateFromAddress(), q: $("q").value, lang: "", filters: [], offset: 0 });
});
window.addEventListener("popstate", () => render(stateFromAddress()));
render(stateFromAddress());
