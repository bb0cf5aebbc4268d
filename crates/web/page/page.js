// gradgraph's live page. Every number and every text comes from the engine, compiled to
// WebAssembly (GG_WASM); this script only draws: Graphviz (Viz, @viz-js/viz, in GG_VIZ) lays
// the graph out (both come gzip-compressed, in base64, and are unpacked by the browser), and the script shows each step's state, the texts, and handles the input.
//
// Testing hooks (data-testid): expr-input, var-NAME, slider-NAME, value, grad-NAME, error,
// fit, first, prev, play, next, last, slider, step ("k / n"), phase ("forward" or
// "backward"), current (data-node = the current step's node), explain, derivation, lang (the
// language switch, with lang-en and lang-pt-BR); each node's SVG group has data-node="N".
// window.gg.ready is a promise settled once the page has drawn its first graph;
// window.gg.compute(request) runs the engine directly; window.gg.lang() is the page's
// language and window.gg.setLang(tag) switches it.
//
// Languages: every text the page shows comes from the catalogs (crates/i18n/catalogs/*/page.ftl
// and net.ftl), handed to the script in init.messages (t(id, args) below) or written by the
// engine in the language the request names. The language is the page's opening one
// (init.lang, `--lang`) unless the address's fragment says `lang=pt-BR` or `lang=en`; the
// switch writes it there, beside whatever else the fragment holds.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const init = JSON.parse($('gg-init').textContent);
  let engine = null;     // the WebAssembly exports
  let viz = null;        // Graphviz
  let data = null;       // the last good response (with a graph)
  let structure = '';    // what the drawn layout depends on: names and edges, no numbers
  let position = 0;      // steps done: 0 .. data.steps.length
  let timer = null;
  const values = new Map(Object.entries(init.values || {}));
  // a graph handed to the page as data, shown until the learner types an expression
  let graph = init.graph || null;
  let graphTitle = null; // what a graph handed over by the net mode is
  let graphNote = null;  // and what to know about it
  let quiz = null;       // with the quiz on: the answers typed, by node index
  let rightNodes = new Set(); // nodes whose gradient the learner has found
  let asked = null;      // the node whose answer box has the focus
  let quizFor = null;    // what the quiz's answers were given for
  let els = { nodes: [], edges: new Map() };

  // ---- the language ------------------------------------------------------------------
  const MESSAGES = init.messages || {};
  const LANGS = ['en', 'pt-BR'];
  const fragment = () => new URLSearchParams(location.hash.slice(1));
  let lang = [fragment().get('lang'), init.lang].find((l) => LANGS.includes(l)) || 'en';
  // the message `id` in the page's language, its `{$name}`s filled from `args`
  function t(id, args) {
    const text = (MESSAGES[lang] || {})[id] ?? (MESSAGES.en || {})[id] ?? id;
    return args ? text.replace(/\{\$(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m)) : text;
  }
  // a number's text (the engine's, with a point) as the reader writes it
  const dec = (text) => (lang === 'pt-BR' ? String(text).replace(/\./g, ',') : String(text));
  // a number typed in the page's language: a decimal comma is read in Portuguese
  function readNumber(text) {
    const s = String(text).trim();
    if (lang === 'pt-BR' && (s.match(/,/g) || []).length === 1 && !s.includes('.')) return Number(s.replace(',', '.'));
    return Number(s);
  }
  // a typed number moved from one language's writing to another's (`0.5` ↔ `0,5`); any
  // other text as it was
  function relang(text, from, to) {
    const s = String(text);
    if (from === to) return s;
    if (to === 'pt-BR' && /^\s*[-+]?\d*\.\d+(e[-+]?\d+)?\s*$/i.test(s)) return s.replace('.', ',');
    if (to === 'en' && /^\s*[-+]?\d*,\d+(e[-+]?\d+)?\s*$/i.test(s)) return s.replace(',', '.');
    return s;
  }
  // every text of the page's own HTML, in the page's language
  function translateStatic() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll('[data-i18n-title]').forEach((e) => { e.title = t(e.dataset.i18nTitle); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    document.querySelectorAll('[data-i18n-aria]').forEach((e) => { e.setAttribute('aria-label', t(e.dataset.i18nAria)); });
    $('lang').dataset.lang = lang;
    $('lang').querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b.value === lang)));
    $('play').textContent = t(timer ? 'page-pause' : 'page-play');
    if (graph) exprBox.placeholder = t('page-graph-placeholder');
  }
  // switches the page to `to`, keeping everything the learner has done
  function setLang(to, keepFragment) {
    if (!LANGS.includes(to)) return;
    const from = lang;
    lang = to;
    values.forEach((text, name) => values.set(name, relang(text, from, to)));
    document.querySelectorAll('#vars input[type=text]').forEach((box) => { box.value = relang(box.value, from, to); });
    if (quiz) quiz.forEach((text, node) => quiz.set(node, relang(text, from, to)));
    $('vars').dataset.names = '';
    if (!keepFragment) {
      const f = fragment();
      f.set('lang', lang);
      const hash = '#' + f.toString();
      try { history.replaceState(history.state, '', hash); } catch (e) { location.hash = hash; }
    }
    translateStatic();
    update();
    if (window.gg && window.gg.netLang) window.gg.netLang();
  }
  let base = null, view = null; // the SVG's own viewBox, and the one shown
  let selected = null;

  // ---- the engine --------------------------------------------------------------------
  // gzip in base64, unpacked by the browser: half the size of the plain files
  async function unpack(base64) {
    const packed = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const bytes = unpack(GG_WASM);
  async function instantiate() {
    const { instance } = await WebAssembly.instantiate(await bytes, {});
    engine = instance.exports;
  }
  // Graphviz's script, run as if it were inline: it defines the global Viz
  async function loadViz() {
    const script = document.createElement('script');
    script.textContent = new TextDecoder().decode(await unpack(GG_VIZ));
    document.head.append(script);
    return Viz.instance();
  }
  // one request to the engine's export `which` (gg_compute, or gg_net for the net mode)
  function call(which, request) {
    const input = new TextEncoder().encode(JSON.stringify(request));
    try {
      const p = engine.gg_alloc(input.length);
      new Uint8Array(engine.memory.buffer, p, input.length).set(input);
      const packed = BigInt.asUintN(64, BigInt(engine[which](p, input.length)));
      const ptr = Number(packed >> 32n), len = Number(packed & 0xffffffffn);
      const text = new TextDecoder().decode(new Uint8Array(engine.memory.buffer, ptr, len));
      engine.gg_free(ptr, len);
      return JSON.parse(text);
    } catch (e) {
      // never expected; a trapped instance is replaced before the next edit
      engine = null;
      instantiate();
      const text = t('page-engine-failed', { error: e });
      return { error: { message: text, text }, nodes: [] };
    }
  }
  const compute = (request) => call('gg_compute', request);

  // ---- input -------------------------------------------------------------------------
  const exprBox = $('expr');
  exprBox.value = init.expression;
  // the opening values are written with points (the command line's): in the page's language
  values.forEach((text, name) => values.set(name, relang(text, 'en', lang)));
  translateStatic();
  $('lang').addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (b && b.value !== lang) setLang(b.value);
  });
  window.addEventListener('hashchange', () => {
    const l = fragment().get('lang');
    if (LANGS.includes(l) && l !== lang) setLang(l, true);
  });
  exprBox.addEventListener('input', () => { graph = null; graphTitle = null; graphNote = null; update(); });

  function request() {
    const v = {};
    values.forEach((text, name) => { v[name] = text; });
    const r = graph ? { expression: '', values: v, graph, lang } : { expression: exprBox.value, values: v, lang };
    if (quiz) r.quiz = Object.fromEntries(quiz);
    return r;
  }

  function sliderRange(slider, x) {
    const span = 2 * Math.max(1, Math.abs(x));
    slider.min = String(x - span);
    slider.max = String(x + span);
    slider.step = String(span / 500);
    slider.value = String(x);
  }

  function rebuildVariables(variables) {
    const box = $('vars');
    const names = variables.map((v) => v.name).join(',');
    if (box.dataset.names === names) return;
    box.dataset.names = names;
    box.textContent = '';
    variables.forEach((v) => {
      if (!values.has(v.name)) values.set(v.name, v.value);
      const row = document.createElement('div');
      row.className = 'var';
      const label = document.createElement('label');
      label.textContent = v.name;
      const text = document.createElement('input');
      text.type = 'text';
      text.value = values.get(v.name);
      text.dataset.testid = 'var-' + v.name;
      text.setAttribute('data-testid', 'var-' + v.name);
      text.setAttribute('aria-label', t('page-value-of', { name: v.name }));
      label.htmlFor = text.id = 'var-' + v.name;
      const slider = document.createElement('input');
      slider.type = 'range';
      slider.setAttribute('data-testid', 'slider-' + v.name);
      slider.setAttribute('aria-label', t('page-drag-value-of', { name: v.name }));
      const x = readNumber(text.value);
      sliderRange(slider, Number.isFinite(x) ? x : 0);
      text.addEventListener('input', () => {
        values.set(v.name, text.value);
        const y = readNumber(text.value);
        if (Number.isFinite(y) && (y < Number(slider.min) || y > Number(slider.max))) sliderRange(slider, y);
        else if (Number.isFinite(y)) slider.value = String(y);
        update();
      });
      slider.addEventListener('input', () => {
        const y = Number(slider.value);
        // as few digits as the slider's resolution needs
        const digits = Math.max(0, -Math.floor(Math.log10(Number(slider.step))));
        text.value = dec(String(Number(y.toFixed(Math.min(digits, 12)))));
        values.set(v.name, text.value);
        update();
      });
      row.append(label, text, slider);
      box.append(row);
    });
  }

  // ---- one edit: compute, draw, show -------------------------------------------------
  function update() {
    if (!engine) return;
    const r = compute(request());
    const error = r.error;
    showError(error);
    exprBox.classList.toggle('bad', !!(error && error.column));
    document.querySelectorAll('#vars input[type=text]').forEach((t) => {
      t.classList.toggle('bad', !!(error && error.variable === t.previousSibling.textContent));
    });
    if (r.variables && r.variables.length) rebuildVariables(r.variables);
    else if (!error) rebuildVariables([]);
    // the results and the picture are the last good graph's while an error is shown
    $('results').classList.toggle('stale', !!error);
    if (!r.nodes || !r.nodes.length || (!r.dot && !r.layout)) {
      // a parse error, a bad value, or a graph too large to draw: the last good graph stays
      if (r.value !== undefined && r.value !== null) showResults(r);
      return;
    }
    // the title names the graph shown: it changes with it, not with every keystroke
    const title = (graph && graphTitle) || r.title || 'f = ' + exprBox.value;
    $('title').textContent = title;
    document.title = title + ' · gradgraph';
    const key = r.nodes.map((n) => n.name + ':' + n.operands.join(',')).join(';');
    data = r;
    // the quiz starts afresh on anything new: its answers were for the last values
    const sig = JSON.stringify([r.source, r.variables.map((v) => v.value), key]);
    if (quiz && quizFor !== null && sig !== quizFor) {
      quiz.clear();
      rightNodes = new Set();
      const again = compute(request());
      if (again.quiz) r.quiz = again.quiz;
    }
    quizFor = sig;
    if (key !== structure) {
      // a new graph: laid out anew, stepped from the start; a new value in the same graph
      // keeps the layout and the step
      draw(r);
      structure = key;
      position = 0;
    }
    position = Math.min(position, r.steps.length);
    showResults(r);
    $('slider').max = String(r.steps.length);
    if (quiz) showQuiz(r.quiz);
    show();
    if (selected !== null) derive(selected);
  }

  // the message, wrapped, then the expression and its caret as the command line prints them
  function showError(error) {
    const box = $('error');
    box.textContent = '';
    if (!error) return;
    const [first, ...rest] = error.text.split('\n');
    const message = document.createElement('div');
    message.textContent = first;
    box.append(message);
    if (rest.length) {
      const caret = document.createElement('pre');
      caret.textContent = rest.join('\n');
      box.append(caret);
    }
  }

  function showResults(r) {
    $('value').textContent = r.value;
    const grads = $('grads');
    grads.textContent = '';
    (r.grads || []).forEach((g) => {
      const line = document.createElement('div');
      line.className = 'result';
      const what = document.createElement('span');
      what.className = 'what';
      what.textContent = '∂f/∂' + g.name;
      const value = document.createElement('span');
      value.setAttribute('data-testid', 'grad-' + g.name);
      value.textContent = g.value;
      line.append(what, ' = ', value);
      grads.append(line);
    });
  }

  // ---- the picture -------------------------------------------------------------------
  // a graph above 400 nodes, drawn where the engine's layered layout put each node
  function layered(r) {
    const NS = 'http://www.w3.org/2000/svg';
    const make = (tag, attrs, parent) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (parent) parent.append(e);
      return e;
    };
    const L = r.layout;
    const svg = make('svg', { viewBox: `0 0 ${L.width} ${L.height}`, xmlns: NS });
    const top = make('g', { class: 'graph' }, svg);
    const defs = make('defs', {}, svg);
    const marker = make('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 5, markerHeight: 5, orient: 'auto' }, defs);
    make('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8a94a6' }, marker);
    r.edges.forEach((e) => {
      const a = L.nodes[e.from], b = L.nodes[e.to];
      const x1 = a.x + a.w / 2, x2 = b.x - b.w / 2, mid = (x1 + x2) / 2;
      const g = make('g', { id: e.id, class: 'edge' }, top);
      make('path', { d: `M${x1},${a.y} C${mid},${a.y} ${mid},${b.y} ${x2},${b.y}`, fill: 'none', stroke: '#8a94a6', 'marker-end': 'url(#arrow)' }, g);
      const t = make('text', { x: mid, y: (a.y + b.y) / 2 - 3, 'text-anchor': 'middle', 'font-size': 10, fill: '#2b4c7e', 'font-family': 'Helvetica,Arial,sans-serif' }, g);
      t.textContent = e.label;
    });
    r.nodes.forEach((n) => {
      const p = L.nodes[n.index];
      const g = make('g', { id: 'n' + n.index, class: 'node' }, top);
      const fill = n.role === 'variable' ? '#e8f0fe' : n.role === 'constant' ? '#f4f4f4' : '#ffffff';
      const attrs = { x: p.x - p.w / 2, y: p.y - p.h / 2, width: p.w, height: p.h, rx: n.role === 'variable' ? p.h / 2 : 6, fill, stroke: '#4a5568' };
      if (n.role === 'constant') attrs['stroke-dasharray'] = '4 3';
      if (n.index === r.output) attrs['stroke-width'] = 2;
      make('rect', attrs, g);
      [n.name, '= ' + n.value_short, n.role === 'constant' ? '∂f = —' : '∂f = ' + n.grad_short].forEach((line, k) => {
        const t = make('text', { x: p.x, y: p.y - 12 + 14 * k, 'text-anchor': 'middle', 'font-size': 11, 'font-family': 'Helvetica,Arial,sans-serif' }, g);
        t.textContent = line;
      });
    });
    return svg;
  }

  // Graphviz's picture, left to right; top to bottom instead when that shows it larger in
  // the stage (a long chain is wide and thin)
  function graphviz(dot) {
    const stage = $('graph').getBoundingClientRect();
    const scale = (svg) => {
      const b = svg.viewBox.baseVal;
      return Math.min(stage.width / b.width, stage.height / b.height);
    };
    const wide = viz.renderSVGElement(dot);
    const ratio = wide.viewBox.baseVal.width / wide.viewBox.baseVal.height;
    if (ratio < 2 * stage.width / Math.max(stage.height, 1)) return wide;
    const tall = viz.renderSVGElement(dot.replace('rankdir=LR', 'rankdir=TB'));
    return scale(tall) > 1.2 * scale(wide) ? tall : wide;
  }

  function draw(r) {
    const svg = r.dot ? graphviz(r.dot) : layered(r);
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    const box = svg.viewBox.baseVal;
    base = { x: box.x, y: box.y, w: box.width, h: box.height };
    const holder = $('graph');
    holder.textContent = '';
    holder.append(svg);
    els = { nodes: [], edges: new Map() };
    r.nodes.forEach((n) => {
      const g = svg.getElementById ? svg.getElementById('n' + n.index) : svg.querySelector('#n' + n.index);
      if (!g) return;
      g.setAttribute('data-node', String(n.index));
      g.addEventListener('click', () => derive(n.index));
      // hovering shows the exact numbers (Graphviz's own title is the node's id)
      let tip = g.querySelector('title');
      if (!tip) {
        tip = document.createElementNS('http://www.w3.org/2000/svg', 'title');
        g.prepend(tip);
      }
      tip.textContent = n.name + ' = ' + n.value + (n.role === 'constant' ? '' : '\n∂f/∂' + n.name + ' = ' + n.grad);
      const texts = g.querySelectorAll('text');
      els.nodes[n.index] = { g, name: texts[0], value: texts[1], grad: texts[2], tip, cls: '', v: null, d: null };
    });
    r.edges.forEach((e) => {
      const g = svg.querySelector('#' + e.id);
      if (g) els.edges.set(e.id, { g, text: g.querySelector('text'), cls: '' });
    });
    fit();
  }

  function setView(v) {
    view = v;
    const svg = $('graph').querySelector('svg');
    if (svg) svg.setAttribute('viewBox', [v.x, v.y, v.w, v.h].join(' '));
  }
  function fit() {
    if (!base) return;
    const m = 0.03 * Math.max(base.w, base.h);
    setView({ x: base.x - m, y: base.y - m, w: base.w + 2 * m, h: base.h + 2 * m });
  }
  function zoom(factor, cx, cy) {
    if (!view) return;
    const holder = $('graph').getBoundingClientRect();
    const s = Math.max(view.w / holder.width, view.h / holder.height);
    // the SVG point under (cx, cy) stays where it is
    const px = view.x + (cx - holder.left - (holder.width - view.w / s) / 2) * s;
    const py = view.y + (cy - holder.top - (holder.height - view.h / s) / 2) * s;
    setView({ x: px - (px - view.x) * factor, y: py - (py - view.y) * factor, w: view.w * factor, h: view.h * factor });
  }
  const holder = $('graph');
  // in a frame (a notebook's output) the wheel scrolls the notebook past the page, and
  // Ctrl or ⌘ with the wheel zooms; on its own, the page zooms with the wheel alone
  const framed = window.self !== window.top;
  holder.addEventListener('wheel', (e) => {
    if (framed && !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY);
  }, { passive: false });
  let drag = null;
  holder.addEventListener('pointerdown', (e) => {
    if (e.target.closest && e.target.closest('g.node')) return;
    drag = { x: e.clientX, y: e.clientY, view: view };
    holder.classList.add('dragging');
    holder.setPointerCapture(e.pointerId);
  });
  holder.addEventListener('pointermove', (e) => {
    if (!drag || !view) return;
    const r = holder.getBoundingClientRect();
    const s = Math.max(drag.view.w / r.width, drag.view.h / r.height);
    setView({ x: drag.view.x - (e.clientX - drag.x) * s, y: drag.view.y - (e.clientY - drag.y) * s, w: drag.view.w, h: drag.view.h });
  });
  const endDrag = () => { drag = null; holder.classList.remove('dragging'); };
  holder.addEventListener('pointerup', endDrag);
  holder.addEventListener('pointercancel', endDrag);
  $('fit').addEventListener('click', fit);
  const centre = () => { const r = holder.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; };
  $('zoom-in').addEventListener('click', () => zoom(1 / 1.3, ...centre()));
  $('zoom-out').addEventListener('click', () => zoom(1.3, ...centre()));

  // ---- stepping ----------------------------------------------------------------------
  function show() {
    const r = data;
    if (!r) return;
    const n = r.steps.length;
    // with the quiz on: the forward pass done, the gradients hidden until found
    if (quiz) position = r.steps.filter((s) => s.phase === 'forward').length;
    const p = position;
    const cur = p > 0 ? r.steps[p - 1] : null;
    // when each node is computed, processed by backward, and its gradient's running value
    const grad = new Map();
    const sent = new Set();
    const computed = new Set();
    for (let k = 0; k < p; k++) {
      const s = r.steps[k];
      if (s.phase === 'forward') computed.add(s.node);
      else {
        sent.add(s.node);
        s.grads.forEach(([node, text]) => grad.set(node, text));
      }
    }
    r.nodes.forEach((nd) => {
      const e = els.nodes[nd.index];
      if (!e) return;
      const leaf = nd.role !== 'operation';
      const has = leaf || computed.has(nd.index);
      let cls = 'node';
      if (!has) cls += ' pending';
      else if (cur && cur.node === nd.index) cls += ' current';
      else if (sent.has(nd.index)) cls += ' done';
      else if (grad.has(nd.index)) cls += ' received';
      else if (!leaf) cls += ' computed';
      if (selected === nd.index) cls += ' selected';
      if (quiz && asked === nd.index) cls += ' current';
      if (cls !== e.cls) { e.g.setAttribute('class', cls); e.cls = cls; }
      const v = has ? '= ' + nd.value_short : '= ?';
      if (e.value && v !== e.v) { e.value.textContent = v; e.v = v; }
      // in the quiz, an operation's box says the name the questions give it: `#4: x·w + b`
      const tag = quiz && r.quiz && r.quiz.tags && r.quiz.tags[nd.index];
      const name = tag && tag !== nd.name && !nd.name.startsWith(tag + ':') ? tag + ': ' + nd.name : nd.name;
      if (e.name && e.name.textContent !== name) e.name.textContent = name;
      const d = nd.role === 'constant' ? '∂f = —'
        : quiz ? '∂f = ' + (rightNodes.has(nd.index) ? nd.grad_short : '?')
          : '∂f = ' + (grad.get(nd.index) || '?');
      if (e.tip) {
        const tip = nd.name + ' = ' + nd.value + (nd.role === 'constant' || (quiz && !rightNodes.has(nd.index)) ? '' : '\n∂f/∂' + nd.name + ' = ' + nd.grad);
        if (e.tip.textContent !== tip) e.tip.textContent = tip;
      }
      if (e.grad && d !== e.d) { e.grad.textContent = d; e.d = d; }
    });
    r.edges.forEach((ed) => {
      const e = els.edges.get(ed.id);
      if (!e) return;
      let cls = 'edge';
      if (sent.has(ed.to)) cls += ' shown';
      if (cur && cur.phase === 'backward' && cur.node === ed.to) cls += ' active';
      if (cur && cur.phase === 'forward' && cur.node === ed.to) cls += ' active';
      if (cls !== e.cls) { e.g.setAttribute('class', cls); e.cls = cls; }
      if (e.text && e.text.textContent !== ed.label) e.text.textContent = ed.label;
    });
    $('step').textContent = p + ' / ' + n;
    const phase = cur ? cur.phase : 'forward';
    $('phase').textContent = t('page-phase-' + phase);
    $('phase').dataset.phase = phase;
    const current = $('current');
    if (cur) {
      current.setAttribute('data-node', String(cur.node));
      current.textContent = '· ' + r.nodes[cur.node].name;
    } else {
      current.removeAttribute('data-node');
      current.textContent = '';
    }
    $('slider').value = String(p);
    const explain = $('explain');
    explain.textContent = '';
    const title = document.createElement('div');
    title.className = 'title';
    const lines = [];
    if (!cur) {
      title.textContent = t('page-start');
      if (graph && graphNote) lines.push(graphNote);
      r.variables.forEach((v) => lines.push(v.name + ' = ' + v.value));
      lines.push(t('page-press-next'));
    } else {
      title.textContent = cur.title;
      cur.lines.forEach((l) => lines.push(l));
      if (p === n) lines.push(t('page-done', { gradients: r.grads.map((g) => '∂f/∂' + g.name + ' = ' + g.value).join(lang === 'pt-BR' ? '; ' : ', ') }));
    }
    explain.append(title);
    lines.forEach((l) => {
      const div = document.createElement('div');
      div.className = 'line';
      div.textContent = l;
      explain.append(div);
    });
  }

  function go(p) {
    if (!data) return;
    position = Math.max(0, Math.min(data.steps.length, p));
    show();
  }
  function play() {
    if (timer) { clearInterval(timer); timer = null; $('play').textContent = t('page-play'); return; }
    if (data && position >= data.steps.length) go(0);
    $('play').textContent = t('page-pause');
    timer = setInterval(() => {
      if (!data || position >= data.steps.length) { play(); return; }
      go(position + 1);
    }, 1200 / Number($('speed').value));
  }
  $('first').addEventListener('click', () => go(0));
  $('prev').addEventListener('click', () => go(position - 1));
  $('next').addEventListener('click', () => go(position + 1));
  $('last').addEventListener('click', () => go(data ? data.steps.length : 0));
  $('play').addEventListener('click', play);
  $('slider').addEventListener('input', () => go(Number($('slider').value)));
  document.addEventListener('keydown', (e) => {
    if ($('expr-main').hidden) return;
    const t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    const keys = { ArrowRight: () => go(position + 1), ArrowLeft: () => go(position - 1), Home: () => go(0),
      End: () => go(data ? data.steps.length : 0), ' ': play, f: fit, '+': () => zoom(1 / 1.3, ...centre()), '-': () => zoom(1.3, ...centre()) };
    const k = keys[e.key];
    if (k) { e.preventDefault(); k(); }
  });

  // ---- the quiz -----------------------------------------------------------------------
  $('quiz').addEventListener('change', () => {
    quiz = $('quiz').checked ? new Map() : null;
    rightNodes = new Set();
    document.body.classList.toggle('quizzing', !!quiz);
    $('quiz-box').hidden = !quiz;
    if (quiz) { selected = null; $('derivation').textContent = ''; }
    else position = 0;
    update();
  });
  // the questions, in backward's order, each with its answer box and its verdict
  function showQuiz(q) {
    const box = $('quiz-box');
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.node : undefined;
    box.textContent = '';
    if (!q) return;
    if (q.error) {
      const e = document.createElement('div');
      e.className = 'error';
      e.textContent = t('page-quiz-none', { error: q.error });
      box.append(e);
      return;
    }
    const hint = document.createElement('div');
    hint.className = 'hint';
    const done = q.questions.filter((x) => x.right).length;
    hint.textContent = q.hint + ' ' + t('page-quiz-found', { done, total: q.questions.length });
    box.append(hint);
    rightNodes = new Set(q.questions.filter((x) => x.right).map((x) => x.node));
    q.questions.forEach((x) => {
      const row = document.createElement('div');
      row.className = 'q' + (x.right === true ? ' right' : x.right === false ? ' wrong' : '');
      const head = document.createElement('div');
      head.className = 'head';
      head.textContent = x.heading;
      const label = document.createElement('label');
      label.append(x.asked + ' =');
      const input = document.createElement('input');
      input.value = quiz.get(String(x.node)) || '';
      input.dataset.node = String(x.node);
      input.setAttribute('data-testid', 'answer-' + x.node);
      input.setAttribute('aria-label', x.asked);
      input.spellcheck = false;
      input.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return;
        quiz.set(String(x.node), input.value);
        update();
        // on to the next question not yet right
        const next = [...document.querySelectorAll('#quiz-box .q:not(.right) input')][0];
        if (next) next.focus();
      });
      input.addEventListener('focus', () => { asked = x.node; show(); });
      label.append(input);
      const verdict = document.createElement('div');
      verdict.className = 'verdict';
      verdict.setAttribute('data-testid', 'verdict-' + x.node);
      x.lines.forEach((l) => { const d = document.createElement('div'); d.textContent = l; verdict.append(d); });
      row.append(head, label, verdict);
      box.append(row);
    });
    if (focused !== undefined) {
      const again = box.querySelector(`input[data-node="${focused}"]`);
      if (again) again.focus();
    }
  }

  // ---- a node's derivation -----------------------------------------------------------
  function derive(index) {
    if (!data || !data.derivations[index]) return;
    if (quiz) {
      // in the quiz a click goes to the node's question instead of its derivation
      const box = document.querySelector(`#quiz-box input[data-node="${index}"]`);
      if (box) box.focus();
      return;
    }
    selected = index;
    const box = $('derivation');
    box.textContent = '';
    const title = document.createElement('div');
    title.className = 'title';
    title.textContent = t('page-derivation-title', { name: data.nodes[index].name });
    box.append(title);
    data.derivations[index].lines.forEach((l) => {
      const div = document.createElement('div');
      div.className = 'line';
      div.textContent = l;
      box.append(div);
    });
    show();
    // the derivation in view: the panel scrolls (never the page around it)
    const panel = $('panel'), b = box.getBoundingClientRect(), p = panel.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(panel).paddingBottom) || 0;
    if (b.bottom > p.bottom - pad) {
      panel.scrollTop += Math.min(b.bottom - p.bottom + pad, b.top - p.top - pad);
    }
  }

  // ---- start -------------------------------------------------------------------------
  // a graph handed over by the net mode (a sample through a neuron), stepped from the start
  function showGraph(g, title, note) {
    graph = g;
    graphTitle = title || null;
    graphNote = note || null;
    values.clear();
    exprBox.value = '';
    exprBox.placeholder = t('page-graph-placeholder');
    selected = null;
    $('derivation').textContent = '';
    structure = '';
    update();
  }

  window.gg = {
    compute: (req) => compute(req),
    net: (req) => call('gg_net', Object.assign({ lang }, req)),
    // the title and note of the graph shown, from the net mode, in the page's new language
    retitle: (title, note) => { graphTitle = title || null; graphNote = note || null; update(); },
    showGraph,
    fit: () => fit(),
    init,
    t,
    dec,
    readNumber,
    lang: () => lang,
    setLang,
    ready: (async () => {
      await instantiate();
      viz = await loadViz();
      $('loading').remove();
      update();
    })().catch((e) => {
      $('error').textContent = t('page-could-not-start', { error: e });
      throw e;
    }),
  };
})();
