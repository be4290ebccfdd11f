// The page: it passes the input and options to the library (compiled to
// WebAssembly, mapiblobExplain) and shows the explanation it returns.
// Every rule lives in the library; this file only builds the page from the
// JSON, with textContent so that nothing pasted is ever run as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const input = $("input"), output = $("output"), status = $("status");
  const zoneSel = $("zone");
  let ready = false;
  let dropped = null; // {name, bytes} of a dropped or opened file
  let timer = 0;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (_) { // no clipboard API (older browser, some file:// set-ups)
      const t = el("textarea", { class: "clip" });
      t.value = text;
      document.body.append(t);
      t.select();
      document.execCommand("copy");
      t.remove();
    }
    const was = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = was; }, 1200);
  }

  function copyButton(text, what) {
    const b = el("button", { type: "button", class: "copy", "aria-label": "Copy " + what, text: "Copy" });
    b.addEventListener("click", () => copyText(text, b));
    return b;
  }

  // out is a labelled block of text with its copy button.
  function out(label, text, cls, testid) {
    const pre = el("pre", { class: cls || "", tabindex: "0", text: text });
    if (testid) pre.dataset.testid = testid;
    return el("div", { class: "out" }, el("div", { class: "bar" }, el("span", { class: "label", text: label }), copyButton(text, label)), pre);
  }

  function fold(label, text, open, testid) {
    const d = el("details", open ? { open: "" } : {}, el("summary", { text: label }));
    const pre = el("pre", { tabindex: "0", text: text });
    if (testid) pre.dataset.testid = testid;
    d.append(el("div", { class: "out" }, el("div", { class: "bar" }, copyButton(text, label)), pre));
    return d;
  }

  function badge(sev) {
    return el("span", { class: "badge sev-" + sev, text: sev });
  }

  function findingsTable(fs, testid) {
    const t = el("table", { "data-testid": testid });
    t.append(el("thead", {}, el("tr", {}, el("th", { text: "severity" }), el("th", { text: "code" }), el("th", { text: "field" }), el("th", { text: "what it means" }))));
    const body = el("tbody");
    for (const f of fs) {
      body.append(el("tr", {}, el("td", {}, badge(f.severity)), el("td", { class: "code", text: f.code }), el("td", { class: "path", text: f.path || "—" }), el("td", { text: f.message })));
    }
    t.append(body);
    return t;
  }

  function pickZone(name) {
    zoneSel.value = name;
    explain();
  }

  function renderRepair(r, i) {
    const box = el("div", { class: "repair", "data-testid": "repair-" + i });
    box.append(el("h3", { text: "Repair: " + r.code }));
    if (r.hex) {
      box.append(el("p", { text: "Replace the value with a definition of " + r.zone + " (" + r.reason + ")" + (r.display ? ", for StartDisplay/EndDisplay" : "") + " — the same bytes as the command line's " + r.command + ". In MFCMAPI, open the property, choose the binary editor and paste:" }));
      box.append(out("repaired hex", r.hex, "hex", "repair-hex-" + i));
      box.append(fold("the same as cb: N lpb:", r.mfcmapi, false));
      box.append(fold("what the repaired value says", r.text, false));
    } else {
      box.append(el("p", { text: r.note || "No zone is known." }));
      if (r.candidates && r.candidates.length) {
        const c = el("div", { class: "candidates" });
        for (const z of r.candidates) c.append(el("button", { type: "button", text: "Use " + z, onclick: () => pickZone(z) }));
        box.append(c);
      }
      box.append(el("p", { text: "Or choose any zone in the Zone list above." }));
    }
    return box;
  }

  // key tells a blob's test ids apart: its index, or "item-index" in an item.
  function renderBlob(b, key) {
    key = key || String(b.index);
    const card = el("section", { class: "card", "data-testid": "blob-" + key });
    const meta = [b.kindName || b.kind, b.property, b.tag, b.size + " bytes", b.form].filter(Boolean).join(" · ");
    card.append(el("h2", {}, el("span", { text: "Blob " + b.index }), el("span", { class: "meta", text: meta }),
      b.error ? badge("error") : badge(b.worst || "ok")));
    if (b.error) {
      card.append(el("div", { class: "errorbox", text: b.error }));
      return card;
    }
    if (b.findings && b.findings.length) {
      card.append(el("h3", { text: "Findings" }), findingsTable(b.findings, "findings-" + key));
    } else {
      card.append(el("p", { text: "No findings: the structure is as the specification says." }));
    }
    if (b.repair) card.append(renderRepair(b.repair, key));
    card.append(fold("Decoded", b.text, true, "text-" + key));
    card.append(fold("SmartView (as MFCMAPI shows it)", b.smartview, false, "smartview-" + key));
    card.append(fold("JSON", b.json, false, "json-" + key));
    return card;
  }

  let icsURLs = [];
  function icsLink(ics, name, testid) {
    const u = URL.createObjectURL(new Blob([ics], { type: "text/calendar" }));
    icsURLs.push(u);
    return el("a", { class: "button", href: u, download: name, "data-testid": testid, text: "Download " + name });
  }

  // suffix tells an item's series apart ("" for the paste's own series).
  function renderSeries(s, suffix) {
    suffix = suffix || "";
    const card = el("section", { class: "card", "data-testid": "series" + suffix });
    card.append(el("h2", {}, el("span", { text: "Occurrences" }), el("span", { class: "meta", text: s.zone ? "in " + s.zone + " — " + s.zoneSource : "no time zone: wall-clock times" })));
    if (s.error) { card.append(el("div", { class: "errorbox", text: s.error })); return card; }
    if (s.note) card.append(el("p", { class: "note", text: s.note }));
    card.append(out(s.from ? "from " + s.from : "occurrences", s.text, "", "occurrences" + suffix));
    if (s.ics) {
      card.append(el("p", {}, icsLink(s.ics, s.icsName, "ics-download" + suffix)));
      card.append(fold("iCalendar (.ics)", s.ics, false, "ics" + suffix));
    } else if (!s.zone && !suffix) {
      card.append(el("p", { text: "Choose the series' zone in the Zone list to get exact times and an .ics file." }));
    }
    card.append(el("p", { class: "meta" }, el("span", { text: "Command line: " }), el("code", { text: s.command })));
    return card;
  }

  // renderItemRepair shows an item's five time-zone properties rebuilt.
  function renderItemRepair(r, i) {
    const box = el("div", { class: "repair", "data-testid": "item-repair-" + i });
    box.append(el("h3", { text: "Repair: the item's time-zone properties" }));
    if (!r.zone) {
      box.append(el("p", { text: (r.note || "No zone is known.") + " — choose it in the Zone list above." }));
      return box;
    }
    box.append(el("p", { text: "Write these five properties over the item's own, for " + r.zone + " (" + r.reason + ") — what the command line's " + r.command + " prints. In MFCMAPI, open each property and paste its value:" }));
    box.append(out("properties", r.text, "hex", "item-repair-text-" + i));
    box.append(fold("the same as MFCMAPI-style XML", r.xml, false, "item-repair-xml-" + i));
    return box;
  }

  // renderItem shows one item of an item file: its findings, the text
  // `mapiblob decode` prints, its series and .ics, then its blobs.
  function renderItem(it, i) {
    const card = el("section", { class: "card item", "data-testid": "item-" + i });
    card.append(el("h2", {}, el("span", { text: "Item " + i }), el("span", { class: "meta", "data-testid": "item-label-" + i, text: it.label + (it.subject ? " — " + it.subject : "") }), badge(it.worst || "ok")));
    if (it.parent) card.append(el("p", { class: "note", text: "Embedded in the message at " + it.parent + " (an attachment of the item above)." }));
    if (it.findings && it.findings.length) {
      card.append(el("h3", { text: "Findings (as mapiblob check prints them)" }), findingsTable(it.findings, "item-findings-" + i));
    } else {
      card.append(el("p", { text: "No findings: nothing in the item breaks Outlook that the checks know of." }));
    }
    if (it.tzRepair) card.append(renderItemRepair(it.tzRepair, i));
    if (it.ics) {
      card.append(el("p", {}, icsLink(it.ics, it.icsName, "item-ics-download-" + i)));
      card.append(fold("iCalendar (.ics)", it.ics, false, "item-ics-" + i));
    } else if (it.icsError) {
      card.append(el("p", { class: "note", text: "No .ics: " + it.icsError }));
    }
    card.append(fold("Every property (as mapiblob decode prints it)", it.text, false, "item-text-" + i));
    output.append(card);
    if (it.series) output.append(renderSeries(it.series, "-" + i));
    for (const b of it.blobs || []) output.append(renderBlob(b, i + "-" + b.index));
  }

  function formsTable(forms, testid) {
    const t = el("table", { "data-testid": testid });
    t.append(el("thead", {}, el("tr", {}, el("th", { text: "form" }), el("th", { text: "value" }), el("th", { text: "" }))));
    const body = el("tbody");
    for (const f of forms) {
      body.append(el("tr", { "data-form": f.form }, el("td", { text: f.form }), el("td", { class: "value", text: f.value }), el("td", {}, copyButton(f.value, f.form + " form"))));
    }
    t.append(body);
    return t;
  }

  function renderGUID(g) {
    const card = el("section", { class: "card", "data-testid": "guid" });
    card.append(el("h2", {}, el("span", { text: "GUID" }), el("span", { class: "meta", text: g.readAs })));
    if (g.ambiguous) card.append(el("p", { class: "note", text: "32 bare hex digits were read as bytes in wire order (ADSI Edit); read as a GUID string without dashes they are " + g.alternative + "." }));
    if (g.name) card.append(el("p", { text: "Well-known: " + g.name }));
    card.append(formsTable(g.forms, "guid-forms"));
    return card;
  }

  function renderExMerge(e, i) {
    const card = el("section", { class: "card", "data-testid": "exmerge-" + i });
    card.append(el("h2", {}, el("span", { text: "ExMerge.log line " + e.line }), el("span", { class: "meta", text: e.legacyExchangeDN || "" })));
    if (e.error) {
      card.append(el("div", { class: "errorbox", text: e.error }), el("p", { text: e.remediation }));
      return card;
    }
    card.append(out("ADSI Edit form of msExchMailboxGuid", e.adsi, "", "exmerge-adsi-" + i));
    card.append(el("p", { text: e.remediation }));
    if (e.powershell) card.append(out("PowerShell", e.powershell));
    if (e.ldif) card.append(fold("LDIF (fill in the DN)", e.ldif, false));
    card.append(fold("every form", e.forms.map((f) => f.form + ": " + f.value).join("\n"), false));
    return card;
  }

  function render(x) {
    output.replaceChildren();
    for (const u of icsURLs) URL.revokeObjectURL(u);
    icsURLs = [];
    $("command").textContent = x.command || "mapiblob decode";
    if (x.zones && zoneSel.options.length <= 1) fillZones(x.zones);
    switch (x.input) {
      case "empty":
        setStatus("Paste something, or drop a file.");
        return;
      case "invalid":
        setStatus("Could not read the input.", true);
        output.append(el("div", { class: "errorbox", "data-testid": "error", text: x.error }));
        if (x.guidError) output.append(el("p", { class: "note", text: "Read as a GUID: " + x.guidError }));
        return;
    }
    const n = (x.blobs || []).length, ni = (x.items || []).length;
    setStatus(x.input === "blobs" ? n + (n === 1 ? " blob" : " blobs") + " read."
      : x.input === "items" ? ni + (ni === 1 ? " item" : " items") + " read (embedded messages included)."
      : x.input === "guid" ? "A GUID." : "ExMerge.log lines.");
    if (x.error) output.append(el("div", { class: "errorbox", text: x.error }));
    if (x.crossFindings && x.crossFindings.length) {
      const c = el("section", { class: "card", "data-testid": "cross" }, el("h2", { text: "The time-zone blobs compared (TimeZoneStruct vs TZDefRecur)" }));
      c.append(findingsTable(x.crossFindings, "cross-findings"));
      output.append(c);
    }
    if (x.series) output.append(renderSeries(x.series)); // the series first: it is what a paste of an item is for
    for (const b of x.blobs || []) output.append(renderBlob(b));
    (x.items || []).forEach((it, i) => renderItem(it, i + 1));
    if (x.guid) output.append(renderGUID(x.guid));
    (x.exmerge || []).forEach((e, i) => output.append(renderExMerge(e, i + 1)));
  }

  function options() {
    return JSON.stringify({
      kind: $("kind").value,
      codepage: $("codepage").value.trim(),
      zone: zoneSel.value,
      from: $("from").value,
      count: parseInt($("count").value, 10) || 0,
      summary: $("summary").value,
      name: dropped ? dropped.name : "",
    });
  }

  function explain() {
    clearTimeout(timer);
    if (!ready) return;
    let json;
    if (dropped) json = globalThis.mapiblobExplainBytes(dropped.bytes, options());
    else json = globalThis.mapiblobExplain(input.value, options());
    const x = JSON.parse(json);
    render(x);
    if (dropped) setStatus("File " + dropped.name + " (" + dropped.bytes.length + " bytes): " + status.textContent);
    document.body.dataset.explained = String(Number(document.body.dataset.explained || 0) + 1);
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(explain, 250);
  }

  function fillZones(zones) {
    for (const z of zones) zoneSel.append(el("option", { value: z, text: z }));
  }

  // fillKinds lists every structure the library decodes, by its kind and
  // MFCMAPI's parser name.
  function fillKinds(kinds) {
    for (const k of kinds) $("kind").append(el("option", { value: k.kind, text: k.kind + " (" + k.parser + ")" }));
  }

  async function openFile(file) {
    if (file.size > 64 << 20) { setStatus(file.name + " is larger than 64 MiB.", true); return; }
    dropped = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    input.value = "";
    input.placeholder = "File " + file.name + " is shown below; type or paste here to decode text instead.";
    explain();
  }

  input.addEventListener("input", () => { dropped = null; later(); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); explain(); }
  });
  input.addEventListener("dragover", (e) => { e.preventDefault(); input.classList.add("dragging"); });
  input.addEventListener("dragleave", () => input.classList.remove("dragging"));
  input.addEventListener("drop", (e) => {
    e.preventDefault();
    input.classList.remove("dragging");
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (f) openFile(f);
  });
  $("file").addEventListener("change", (e) => { if (e.target.files[0]) openFile(e.target.files[0]); });
  $("decode").addEventListener("click", explain);
  $("clear").addEventListener("click", () => { dropped = null; input.value = ""; explain(); input.focus(); });
  for (const id of ["kind", "zone", "from", "count"]) $(id).addEventListener("change", explain);
  for (const id of ["codepage", "summary"]) $(id).addEventListener("input", later);

  globalThis.mapiblobReady = function () {
    ready = true;
    $("version").textContent = globalThis.mapiblobVersion || "";
    fillZones(JSON.parse(globalThis.mapiblobZones()));
    fillKinds(JSON.parse(globalThis.mapiblobKinds()));
    setStatus("Ready. Paste something, or drop a file.");
    document.body.dataset.ready = "true";
    if (input.value.trim()) explain();
  };

  async function load() {
    // The module is in mapiblob-wasm.js as base64 of its gzip, so that the
    // page also opens from disk (file://), where fetch is not allowed.
    const b64 = globalThis.MAPIBLOB_WASM_GZ;
    const bin = atob(b64);
    const gz = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
    const wasm = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
    go.run(instance); // calls mapiblobReady
  }
  load().catch((e) => setStatus("The decoder did not load: " + e, true));
})();
