// Atelier's MCP App view: shows one render (a deck, an infographic, a whiteboard, a widget, an image, a video).
//
// It speaks the MCP Apps bridge (JSON-RPC 2.0 over postMessage with the host): `ui/initialize`, then
// `ui/notifications/initialized`; the host sends the tool's input and result as notifications; the view asks the
// host for files with `resources/read` (a web host cannot reach the machine Atelier runs on), calls the app-only
// tools (`export`, `open_in_canvas`) with `tools/call`, and reports its size with `ui/notifications/size-changed`.
// It loads nothing from the network. Everything a render says is written with textContent, never as markup.
//
// A host that predates MCP Apps gets this same page with the result and its files baked into the
// `atelier-embedded` script element, and no bridge.
(() => {
  "use strict";

  const PROTOCOL_VERSION = "2026-01-26";
  const VIEW_META = "io.atelier/view";
  const root = document.documentElement;
  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  };

  // Each modality's label, how it is shown and its download formats, put in by the server from the specs.
  const MODALITIES = JSON.parse(document.getElementById("atelier-modalities").textContent || "{}");
  const infoOf = (modality) => MODALITIES[modality] || { label: modality, viewer: "picture", upscale: true, formats: {} };
  const ICON_DOWNLOAD = '<svg viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.6" ' +
    'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10"/></svg>';
  const ICON_CANVAS = '<svg viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.6" ' +
    'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M9.5 2.5h4v4M13.5 2.5 8 8M12 9.5v3a1 1 0 0 1-1 1H3.5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3"/></svg>';
  const FORMAT_LABEL = { excalidraw: "Excalidraw", mmd: "Mermaid" };
  const CHEVRON = (d) => `<svg viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.8" ` +
    `stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="${d}"/></svg>`;

  // ---- the bridge ------------------------------------------------------------------------------------------

  const embedded = readEmbedded();
  let nextId = 1;
  const pending = new Map();
  let host = { capabilities: {}, context: {} };

  function post(message) { window.parent.postMessage({ jsonrpc: "2.0", ...message }, "*"); }

  function request(method, params, timeoutMs = 60000) {
    const id = nextId++;
    post({ id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { pending.delete(id); reject(new Error(`${method}: no answer from the host`)); },
                               timeoutMs);
      pending.set(id, { resolve, reject, timer });
    });
  }

  function notify(method, params) { post({ method, params }); }

  window.addEventListener("message", (event) => {
    if (embedded || event.source !== window.parent) return;  // the live widget's frame talks on its own channel
    const msg = event.data;
    if (!msg || msg.jsonrpc !== "2.0") return;
    if (msg.id !== undefined && !msg.method) {  // an answer to one of our requests
      const waiting = pending.get(msg.id);
      if (!waiting) return;
      pending.delete(msg.id);
      clearTimeout(waiting.timer);
      if (msg.error) waiting.reject(new Error(msg.error.message || "the host refused"));
      else waiting.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {  // a request from the host
      if (msg.method === "ui/resource-teardown" || msg.method === "ping") post({ id: msg.id, result: {} });
      else post({ id: msg.id, error: { code: -32601, message: `method not found: ${msg.method}` } });
      return;
    }
    const params = msg.params || {};
    switch (msg.method) {
      case "ui/notifications/tool-input-partial":
      case "ui/notifications/tool-input": showInput(params.arguments || {}); break;
      case "ui/notifications/tool-result": showResult(params); break;
      case "ui/notifications/tool-cancelled": showFailure("The render was cancelled.", params.reason || ""); break;
      case "ui/notifications/host-context-changed": applyContext({ ...host.context, ...params }); break;
      default: break;
    }
  });

  async function connect() {
    const result = await request("ui/initialize", {
      protocolVersion: PROTOCOL_VERSION,
      appInfo: { name: "atelier-view", version: "1.0.0" },
      appCapabilities: { availableDisplayModes: ["inline", "fullscreen"] },
    });
    host = { capabilities: result.hostCapabilities || {}, context: {} };
    applyContext(result.hostContext || {});
    notify("ui/notifications/initialized", {});
    connected = true;
    reportSize();
  }

  // ---- the host's look ---------------------------------------------------------------------------------------

  function applyContext(context) {
    host.context = context;
    if (context.theme === "light" || context.theme === "dark") root.dataset.theme = context.theme;
    const variables = context.styles && context.styles.variables;
    if (variables) for (const [name, value] of Object.entries(variables)) {
      if (name.startsWith("--") && typeof value === "string") root.style.setProperty(name, value);
    }
    const fonts = context.styles && context.styles.css && context.styles.css.fonts;
    if (typeof fonts === "string" && !$("host-fonts")) document.head.append(el("style", { id: "host-fonts", text: fonts }));
    const box = context.containerDimensions || {};
    root.classList.toggle("fill", typeof box.height === "number");
    if (typeof box.maxHeight === "number") root.style.setProperty("--max-stage", `${Math.max(200, box.maxHeight - 90)}px`);
    reportSize();
  }

  // ---- size ----------------------------------------------------------------------------------------------------

  let lastSize = "";
  let sizeQueued = false;
  let connected = false;  // sizes are reported once the handshake is done
  function reportSize() {
    if (sizeQueued || !(connected || embedded)) return;
    sizeQueued = true;
    requestAnimationFrame(() => {
      sizeQueued = false;
      const width = Math.ceil(document.documentElement.scrollWidth);
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      const key = `${width}x${height}`;
      if (key === lastSize) return;
      lastSize = key;
      root.dataset.reportedHeight = String(height);
      if (embedded) window.parent.postMessage({ type: "ui-size-change", payload: { width, height } }, "*");
      else notify("ui/notifications/size-changed", { width, height });
    });
  }
  new ResizeObserver(reportSize).observe(document.body);

  // ---- files -----------------------------------------------------------------------------------------------

  const cache = new Map();
  function readFile(file) {
    if (!cache.has(file.uri)) cache.set(file.uri, fetchFile(file));
    return cache.get(file.uri);
  }

  async function fetchFile(file) {
    let contents;
    if (embedded) {
      contents = embedded.files[file.uri];
      if (!contents) throw new Error(`${file.name} is not included in this page`);
    } else {
      const result = await request("resources/read", { uri: file.uri });
      contents = (result.contents || [])[0];
      if (!contents) throw new Error(`the host returned nothing for ${file.name}`);
    }
    const mime = (file.mimeType || contents.mimeType || "application/octet-stream").split(";")[0];
    if (contents.blob !== undefined) {
      const textual = mime.startsWith("text/") || /[+/](xml|json)$/.test(mime);
      const text = textual ? new TextDecoder().decode(Uint8Array.from(atob(contents.blob), (c) => c.charCodeAt(0)))
                           : null;
      return { url: `data:${mime};base64,${contents.blob}`, text, mime };
    }
    const text = contents.text || "";
    return { url: `data:${mime};charset=utf-8,${encodeURIComponent(text)}`, text, mime };
  }

  // ---- what the host tells us --------------------------------------------------------------------------------

  let shown = null;  // the render on screen: {manifest, files, view}
  let askedTitle = "";  // the title the tool was called with, while there is no render yet

  function showInput(args) {
    if (shown) return;
    const plan = args.plan && typeof args.plan === "object" ? args.plan : null;
    const title = (plan && plan.title) || args.prompt || "";
    askedTitle = String((plan && plan.title) || "").slice(0, 150);
    const modality = (plan && plan.modality) || args.modality || "";
    setHeading(modality, title ? `Rendering “${String(title).slice(0, 120)}”…` : "Rendering…", "");
    $("stage").replaceChildren(el("div", { class: "shimmer", role: "progressbar", "aria-label": "Rendering" }));
    root.dataset.state = "rendering";
    reportSize();
  }

  function showResult(result) {
    if (result.isError) {
      const text = (result.content || []).filter((c) => c.type === "text").map((c) => c.text).join("\n");
      showFailure("Atelier could not render this.", text);
      return;
    }
    const manifest = result.structuredContent;
    if (!manifest || !Array.isArray(manifest.files)) {
      const text = (result.content || []).filter((c) => c.type === "text").map((c) => c.text).join("\n");
      if (shown) return;  // an answer of another tool (a schema, a list): the render on screen stays
      showFailure("This answer has no render to show.", text);
      return;
    }
    const links = new Map();
    for (const c of result.content || []) if (c.type === "resource_link") links.set(c.name, c);
    const files = manifest.files.map((f) => ({ name: f.name, role: f.role, mimeType: f.media_type,
                                               uri: (links.get(f.name) || {}).uri, bytes: f.bytes }));
    const inline = (result.content || []).find((c) => c.type === "image");
    const view = (result._meta && result._meta[VIEW_META]) || {};
    shown = { manifest, files, view, inline };
    draw().catch((err) => showFailure("The render could not be shown.", String(err && err.message || err)));
  }

  function setHeading(modality, title, meta) {
    root.dataset.modality = modality || "";
    $("kind").textContent = (modality && infoOf(modality).label) || "Atelier";
    $("title").textContent = title;
    $("meta").textContent = meta;
    $("meta").hidden = !meta;
  }

  function showFailure(headline, detail) {
    root.dataset.state = "error";
    setHeading(root.dataset.modality, askedTitle || "Not rendered", "Not rendered");
    $("actions").replaceChildren();
    $("notes").hidden = true;
    const hint = /plan is not valid/.test(detail || "")
      ? el("p", { text: "The assistant has been told what to fix, and usually tries again." }) : null;
    $("stage").replaceChildren(el("div", { class: "placeholder failure", role: "alert" },
      el("strong", { text: headline }), hint, detail ? el("pre", { text: detail }) : null));
    reportSize();
  }

  function setStatus(text, isError = false) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "";
    $("status").hidden = !text;
    reportSize();
  }

  // ---- drawing one render ----------------------------------------------------------------------------------

  async function draw() {
    const { manifest, files } = shown;
    const alts = (shown.view.alts) || {};
    const m = manifest.modality;
    setHeading(m, manifest.title, describe(manifest));
    drawActions();
    drawNotes(manifest.warnings || []);
    const primary = files.find((f) => f.role === "primary") || files[0];
    const previews = files.filter((f) => f.role === "preview" && f.mimeType === "image/png");
    const stage = $("stage");
    let drawn;
    if (primary && primary.mimeType.startsWith("video/")) drawn = await drawVideo(primary, previews[0]);
    else if (primary && primary.mimeType === "text/html") drawn = await drawWidget(primary);
    else if (previews.length > 1) drawn = drawDeck(previews, alts);
    else drawn = await drawPicture(pictureFor(m, files, primary, previews), alts, m);
    stage.replaceChildren(drawn);
    root.dataset.state = "ready";
    reportSize();
  }

  function describe(manifest) {
    const d = manifest.details || {};
    const bits = [];
    if (d.slide_count) bits.push(`${d.slide_count} slide${d.slide_count === 1 ? "" : "s"}`);
    const total = manifest.timings_ms && manifest.timings_ms.total;
    if (total) bits.push(total < 1000 ? `${Math.round(total)} ms` : `${(total / 1000).toFixed(1)} s`);
    if (manifest.planner && manifest.planner.name && manifest.planner.name !== "given") {
      bits.push(`planned by ${manifest.planner.name}`);
    }
    return bits.join(" · ");
  }

  function pictureFor(modality, files, primary, previews) {
    const svg = files.find((f) => f.mimeType === "image/svg+xml");
    if (infoOf(modality).viewer === "board" && svg) return svg;  // the hand-drawn SVG: sharp at any zoom
    if (primary && primary.mimeType.startsWith("image/") && primary.mimeType !== "image/svg+xml") return primary;
    // A PNG drawn by Atelier with its own fonts reads the same on every host; an SVG would use the host's fonts.
    return previews[0] || files.find((f) => f.mimeType === "image/png") || svg || primary;
  }

  async function image(file, alt) {
    const img = el("img", { alt: alt || "", class: "picture", decoding: "async" });
    try {
      img.src = (await readFile(file)).url;
    } catch (err) {
      if (!shown.inline) throw err;  // the host cannot read files: the result's own picture still shows the answer
      img.src = `data:${shown.inline.mimeType};base64,${shown.inline.data}`;
      setStatus("Showing the preview picture: this host does not pass files to the view.");
    }
    await img.decode().catch(() => {});
    return img;
  }

  async function drawPicture(file, alts, modality) {
    const img = await image(file, alts[file.name] || shown.manifest.title);
    img.dataset.file = file.name;
    const info = infoOf(modality);
    const box = el("div", { class: `surface ${info.viewer === "board" ? "board" : ""}` });
    if (!info.upscale || file.mimeType === "image/svg+xml") {
      // Shown at its own size (never blown up past it), centred: a small diagram stays a small diagram.
      box.classList.add("frame-picture");
      img.classList.remove("picture");
    }
    box.append(img);
    const maxStage = getComputedStyle(root).getPropertyValue("--max-stage").trim();
    if (maxStage && !root.classList.contains("fill")) { box.classList.add("scroll"); box.style.maxHeight = maxStage; }
    return box;
  }

  function drawDeck(slides, alts) {
    let index = 0;
    const picture = el("img", { alt: "", decoding: "async" });
    const slide = el("div", { class: "surface slide" }, picture);
    const count = el("span", { class: "count", "aria-live": "polite" });
    const prev = el("button", { class: "btn", type: "button", "aria-label": "Previous slide",
                                onclick: () => go(index - 1) });
    const next = el("button", { class: "btn", type: "button", "aria-label": "Next slide",
                                onclick: () => go(index + 1) });
    prev.innerHTML = CHEVRON("M10 3.5 5.5 8l4.5 4.5");  // our own constant markup
    next.innerHTML = CHEVRON("M6 3.5 10.5 8 6 12.5");
    const dots = el("div", { class: "dots" });
    slides.forEach((s, i) => dots.append(el("button", { type: "button", "aria-label": `Slide ${i + 1}`,
                                                        onclick: () => go(i) })));
    async function go(i) {
      if (i < 0 || i >= slides.length) return;
      index = i;
      count.textContent = `Slide ${i + 1} of ${slides.length}`;
      prev.disabled = i === 0;
      next.disabled = i === slides.length - 1;
      dots.querySelectorAll("button").forEach((b, j) => b.setAttribute("aria-current", String(j === i)));
      const file = slides[i];
      picture.alt = alts[file.name] || `Slide ${i + 1} of ${slides.length}`;
      picture.dataset.file = file.name;
      try {
        const data = await readFile(file);
        if (index === i) picture.src = data.url;
      } catch (err) {
        setStatus(`Slide ${i + 1} could not be read: ${err.message}`, true);
      }
      if (slides[i + 1]) readFile(slides[i + 1]).catch(() => {});  // the next one, ahead of the click
    }
    document.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "PageDown") go(index + 1);
      if (e.key === "ArrowLeft" || e.key === "PageUp") go(index - 1);
    });
    go(0);
    const wrap = el("div", { class: "deck" }, slide, el("div", { class: "pager" }, prev, count, next));
    if (slides.length <= 30) wrap.append(dots);
    return wrap;
  }

  async function drawWidget(file) {
    const data = await readFile(file);
    const size = (shown.manifest.details || {}).page_size;
    const height = (Array.isArray(size) && Number(size[1])) || 420;
    // The widget's own page, live, in a frame with scripts and nothing else: an opaque origin that can reach
    // neither this view nor the host. It reports its height the way Atelier's embeds do.
    const frame = el("iframe", { class: "widget", sandbox: "allow-scripts", title: shown.manifest.title,
                                 referrerpolicy: "no-referrer" });
    frame.style.height = `${height}px`;
    frame.srcdoc = data.text;
    window.addEventListener("message", (event) => {
      if (event.source !== frame.contentWindow) return;
      const msg = event.data;
      if (msg && msg.type === "atelier:resize" && Number.isFinite(msg.height)) {
        frame.style.height = `${Math.min(4000, Math.max(80, Math.ceil(msg.height)))}px`;
        reportSize();
      }
    });
    return el("div", { class: "surface" }, frame);
  }

  async function drawVideo(file, poster) {
    const video = el("video", { controls: true, playsinline: true, preload: "auto" });
    if (poster) video.poster = (await readFile(poster).catch(() => ({ url: "" }))).url;
    video.src = (await readFile(file)).url;
    video.dataset.file = file.name;
    video.setAttribute("aria-label", shown.manifest.title);
    video.addEventListener("loadedmetadata", reportSize);
    return el("div", { class: "surface" }, video);
  }

  // ---- actions: downloads and the canvas ---------------------------------------------------------------------

  function drawActions() {
    const { manifest, files, view } = shown;
    const bar = $("actions");
    bar.replaceChildren();
    if (embedded) return;  // no bridge to call tools through
    if (view.canvas) {
      bar.append(button("Open in canvas", ICON_CANVAS, "primary", async () => {
        const result = await callTool("open_in_canvas", { id: manifest.id });
        const url = result.structuredContent && result.structuredContent.url;
        if (!url) throw new Error("no board address came back");
        await request("ui/open-link", { url });
        setStatus("Opened in the canvas.");
      }));
    }
    const seen = new Set();
    const group = el("div", { class: "downloads", role: "group", "aria-label": "Download" });
    group.innerHTML = ICON_DOWNLOAD;  // our own constant markup
    for (const f of files) {
      if (f.role === "preview") continue;
      const ext = f.name.split(".").pop().toLowerCase();
      const format = infoOf(manifest.modality).formats["." + ext];
      if (!format || seen.has(format)) continue;
      seen.add(format);
      group.append(button(FORMAT_LABEL[format] || ext.toUpperCase(), "", "", () => download(format),
                          `Download ${f.name}`));
    }
    if (seen.size) bar.append(group);
  }

  function button(label, icon, kind, action, title) {
    const b = el("button", { class: `btn ${kind}`, type: "button", title: title || label });
    if (icon) b.innerHTML = icon;  // our own constant markup; the label below is text
    b.append(document.createTextNode(label));
    b.addEventListener("click", async () => {
      b.disabled = true;
      try { await action(); } catch (err) { setStatus(String(err && err.message || err), true); }
      finally { b.disabled = false; }
    });
    return b;
  }

  async function callTool(name, args) {
    const result = await request("tools/call", { name, arguments: args }, 120000);
    if (result.isError) {
      throw new Error((result.content || []).map((c) => c.text || "").join(" ") || `${name} failed`);
    }
    return result;
  }

  async function download(format) {
    const result = await callTool("export", { id: shown.manifest.id, format });
    const item = (result.content || []).find((c) => c.type === "resource");
    if (!item) throw new Error("the export returned no file");
    const name = item.resource.uri.split("/").pop();
    if (host.capabilities.downloadFile) {
      const resource = { uri: `file:///${name}`, mimeType: item.resource.mimeType };
      if (item.resource.blob !== undefined) resource.blob = item.resource.blob;
      else resource.text = item.resource.text || "";
      await request("ui/download-file", { contents: [{ type: "resource", resource }] });
      setStatus(`Saved ${name}.`);
      return;
    }
    const server = shown.view.server;
    if (server && shown.view.served) {
      await request("ui/open-link", { url: `${server}/render/${shown.manifest.id}/${encodeURIComponent(name)}?download=1` });
      setStatus(`Opened ${name} from the Atelier server.`);
      return;
    }
    const href = item.resource.blob !== undefined ? `data:${item.resource.mimeType};base64,${item.resource.blob}`
      : `data:${item.resource.mimeType};charset=utf-8,${encodeURIComponent(item.resource.text || "")}`;
    el("a", { href, download: name }).click();
    setStatus(`This host has no download support; if nothing was saved, ask for ${name} in the chat.`);
  }

  // ---- notes (the render's warnings) -------------------------------------------------------------------------

  function drawNotes(warnings) {
    const box = $("notes");
    box.hidden = warnings.length === 0;
    if (!warnings.length) return;
    const list = el("ul");
    for (const w of warnings.slice(0, 20)) {
      list.append(el("li", {}, el("code", { text: w.code }), document.createTextNode(
        ` ${w.where ? w.where + ": " : ""}${w.detail || ""}`)));
    }
    box.replaceChildren(el("details", {}, el("summary", {
      text: `${warnings.length} note${warnings.length === 1 ? "" : "s"} from the renderer` }), list));
  }

  // ---- start -------------------------------------------------------------------------------------------------

  function readEmbedded() {
    const node = document.getElementById("atelier-embedded");
    if (!node || !node.textContent.trim()) return null;
    try { return JSON.parse(node.textContent); } catch { return null; }
  }

  if (embedded) {
    root.dataset.standalone = "";
    showResult(embedded.result);
  } else {
    connect().catch((err) => showFailure("This view could not reach its host.", String(err.message || err)));
  }
})();
