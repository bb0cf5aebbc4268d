// gradgraph's live page, the net mode: a net trained live on data the learner can change.
// Every number comes from the engine (gradgraph-nn compiled to WebAssembly, the trainer of
// `gradgraph train`, so the same settings give the same losses, bit for bit): this script
// keeps the history it was sent, draws, and turns clicks into requests.
//
// Testing hooks (data-testid): mode (the expression/net switch; buttons value=expression and
// value=net), preset, dataset, samples, noise, test-fraction, csv, hidden, activation,
// activations, loss-choice, output, optimizer, lr, lr-end, steps, batch, l2, seed, stop-loss,
// stop-100, train-play, train-step, train-reset, train-reseed, speed, train-steps (steps
// done), loss (the training loss now, shortest round-trip decimal), accuracy (percent; the
// RMSE for regression), test, train-note, map (the data canvas: clicks add, delete or pick
// points), add-class, picked, open-chain, back, weight-box, net-error; each neuron of the
// drawn net is an SVG group with data-neuron="L.N", each weight's edge data-param="NAME" (a wide transparent line over the drawn one).
// window.gg.netState() is the engine's last answer, netHistory() the losses, netPoints()
// the points, netPlaying() whether it trains, netPointAt(i) where point i is drawn;
// window.gg.netReady settles once the net mode has opened what the page was opened on.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const gg = window.gg;
  const init = gg.init || {};
  const PRESETS = init.presets || [];
  const DATASETS = init.datasets || [];
  const ACTIVATIONS = init.activations || ['tanh', 'relu', 'sigmoid'];
  const MAP_CELLS = 160; // the most cells along a side of the map (`--plot`'s)
  const ORANGE = [245, 147, 34], BLUE = [8, 119, 189];
  const CLASS_COLOURS = [ORANGE, BLUE, [44, 160, 44], [148, 103, 189], [214, 39, 40], [140, 86, 75], [227, 119, 194], [127, 127, 127]];
  const LAYER_COLOURS = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#c53030', '#b7791f', '#2c7a7b', '#97266d', '#4a5568', '#dd6b20', '#38a169'];
  // the page's texts in its language (page.js: the catalogs' net.ftl), its numbers' writing
  const t = (id, args) => gg.t(id, args);
  const dec = (text) => gg.dec(text);
  const css = (c, a) => `rgba(${c[0]},${c[1]},${c[2]},${a === undefined ? 1 : a})`;

  let st = null;                  // the engine's last state
  let settings = null;            // the session's settings, as resolved
  let csvFile = null;             // a CSV file the learner loaded: {name, text}
  let losses = [], norms = [], tests = [], points = [], dataVersion = 0;
  let playing = false, stopAt = Infinity;
  let started = false;
  const picked = { sample: null, neuron: null };
  let netShape = '';              // what the drawn net depends on
  let netEls = null;
  let hover = null;               // the parameter under the pointer
  let editing = null;             // the parameter whose box is open to set it

  // ---- the engine ----------------------------------------------------------------------
  // the map's cells: one for every 3 pixels of its side, as `train --plot` draws it
  function mapCells() {
    const r = $('map').getBoundingClientRect();
    const side = Math.min(r.width - M.left - M.right, r.height - M.top - M.bottom);
    return Math.max(40, Math.min(MAP_CELLS, Math.round(side / 3)));
  }
  const view = () => ({ since: losses.length, data_version: dataVersion, map: mapCells() });
  function request(req) {
    return gg.net(Object.assign({ view: view() }, req));
  }
  // takes an answer in: false when the request was refused (the session is as it was)
  function take(r) {
    if (!r || (r.error && !r.settings)) {
      showError(r ? r.error : t('net-no-answer'));
      return false;
    }
    showError(r.error || '');
    st = r;
    settings = r.settings;
    if (r.since < losses.length) { losses.length = r.since; norms.length = r.since; }
    for (const l of r.losses) losses.push(l === null ? NaN : l);
    for (const n of r.layer_norms) norms.push(n.map((v) => (v === null ? NaN : v)));
    tests = r.test_losses;
    if (r.points) { points = r.points; dataVersion = r.data_version; }
    if (picked.sample !== null && picked.sample >= points.length) picked.sample = null;
    if (picked.neuron !== null) {
      const [l, j] = picked.neuron.split('.').map(Number);
      if (l > r.sizes.length - 1 || j > r.sizes[l]) picked.neuron = null;
    }
    redraw();
    return true;
  }
  function showError(text) {
    $('net-error').textContent = text || '';
  }

  // a new session from the form (or `s`): new data unless keepData
  function start(s, opts) {
    const o = opts || {};
    pause();
    const req = { cmd: 'new', settings: s, keep_data: !!o.keepData, lang: gg.lang() };
    if (csvFile && s.dataset === csvFile.name) req.csv = csvFile;
    if (o.weights) req.weights = o.weights;
    const r = gg.net(Object.assign({ view: { since: 0, data_version: 0, map: mapCells() } }, req));
    if (r.error && !r.settings) { showError(r.error); return false; }
    losses = []; norms = []; tests = []; dataVersion = 0;
    if (!o.keepData) { picked.sample = null; }
    picked.neuron = null;
    take(r);
    fillForm(settings);
    setNote(null);
    return true;
  }

  // ---- the form ------------------------------------------------------------------------
  function option(select, value, text) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text === undefined ? value : text;
    select.append(o);
    return o;
  }
  // a preset's title and note in the page's language (the catalog's, else the engine's)
  const presetText = (p, what) => { const id = `net-preset-${p.name}-${what}`; const s = t(id); return s === id ? p[what] : s; };
  PRESETS.forEach((p) => { option($('preset'), p.name, presetText(p, 'title')).dataset.preset = p.name; });
  DATASETS.forEach((d) => option($('dataset'), d.name, d.title || d.name));
  // an activation's name in the menu: the expression language's, or the catalog's where
  // that is an English word (`step`: `degrau`); its value stays the language's
  const activationText = (a) => { const id = 'net-activation-' + a; const s = t(id); return s === id ? a : s; };
  ACTIVATIONS.forEach((a) => { option($('activation'), a, activationText(a)).dataset.activation = a; });
  option($('loss'), '', t('net-loss-default')).dataset.i18n = 'net-loss-default';
  ['mse', 'bce', 'hinge', 'cross_entropy'].forEach((l) => option($('loss'), l));
  option($('output'), '', t('net-output-default')).dataset.i18n = 'net-output-default';
  ['linear', 'sigmoid', 'softmax'].forEach((l) => option($('output'), l));

  const num = (id) => { const t = $(id).value.trim(); return t === '' ? null : Number(t); };
  // a box's number, checked: null when empty (the default), else a finite number within
  // bounds (an integer where one is needed); a message naming the box otherwise
  function checked(id, { min = -Infinity, integer = false, above = false } = {}) {
    const text = $(id).value.trim();
    if (text === '') return null;
    const x = Number(text);
    const bad = !Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < min || (above && x <= min);
    if (bad) {
      const need = integer ? 'net-need-whole' : above ? 'net-need-above' : min > -Infinity ? 'net-need-at-least' : 'net-need-number';
      // the box named as its label names it
      throw new Error(t('net-bad-box', { what: t('net-' + id), text, need: t(need, { min: dec(String(min)) }) }));
    }
    return x;
  }
  function readForm() {
    const s = Object.assign({}, settings || {});
    s.dataset = $('dataset').value;
    s.samples = s.dataset === 'xor' ? null : checked('samples', { min: 2, integer: true });
    s.noise = checked('noise', { min: 0 });
    s.test_fraction = checked('test-fraction', { min: 0 }) || 0;
    if (s.test_fraction >= 1) throw new Error(t('net-bad-fraction', { what: t('net-test-fraction'), value: dec(String(s.test_fraction)) }));
    const h = $('hidden').value.trim();
    if (h === '' || h === 'none' || h === t('net-hidden-none')) s.hidden = [];
    else {
      s.hidden = h.split(',').map((x) => Number(x.trim()));
      if (!s.hidden.every((n) => Number.isInteger(n) && n >= 1)) throw new Error(t('net-bad-hidden', { what: t('net-hidden'), text: h, none: t('net-hidden-none') }));
    }
    const per = $('activations').value.trim();
    s.activation = per ? per.split(',').map((a) => a.trim()) : [$('activation').value];
    s.loss = $('loss').value || null;
    s.output = $('output').value || null;
    s.optimizer = $('optimizer').value;
    s.lr = checked('lr', { min: 0 });
    s.lr_end = checked('lr-end', { min: 0 });
    s.steps = checked('steps', { min: 1, integer: true }) || 100;
    s.batch_size = checked('batch', { min: 1, integer: true });
    s.l2 = checked('l2', { min: 0 }) || 0;
    s.clip_value = checked('clip-value', { min: 0, above: true });
    s.clip_norm = checked('clip-norm', { min: 0, above: true });
    s.seed = checked('seed', { min: 0, integer: true }) || 0;
    return s;
  }
  function fillForm(s) {
    const sel = $('dataset');
    if (![...sel.options].some((o) => o.value === s.dataset)) option(sel, s.dataset, t('net-file', { name: s.dataset })).dataset.file = s.dataset;
    sel.value = s.dataset;
    const builtin = DATASETS.some((d) => d.name === s.dataset);
    $('samples').value = builtin ? (s.samples === null ? (s.dataset === 'xor' ? 4 : 100) : s.samples) : '';
    $('samples').disabled = !builtin || s.dataset === 'xor';
    $('noise').disabled = !builtin;
    $('noise').value = s.noise === null ? '' : s.noise;
    $('test-fraction').value = s.test_fraction;
    $('hidden').value = s.hidden.length ? s.hidden.join(',') : t('net-hidden-none');
    const same = s.activation.every((a) => a === s.activation[0]);
    $('activation').value = s.activation[0];
    $('activations').value = same ? '' : s.activation.join(',');
    $('loss').value = s.loss || '';
    $('output').value = s.output || '';
    $('optimizer').value = s.optimizer.startsWith('momentum') ? 'momentum' : s.optimizer;
    $('lr').value = s.lr === null ? '' : s.lr;
    $('lr-end').value = s.lr_end === null ? '' : s.lr_end;
    $('steps').value = s.steps;
    $('batch').value = s.batch_size === null ? '' : s.batch_size;
    $('l2').value = s.l2;
    $('clip-value').value = s.clip_value === null ? '' : s.clip_value;
    $('clip-norm').value = s.clip_norm === null ? '' : s.clip_norm;
    $('seed').value = s.seed;
    const classes = $('add-class');
    classes.textContent = '';
    if (st && st.classes) {
      for (let k = 0; k < st.classes; k++) option(classes, String(k), t('net-class', { k }));
      classes.hidden = false;
    } else classes.hidden = true;
  }
  // the data's fields make new data; the net's and training's keep the data as edited
  ['samples', 'noise', 'test-fraction'].forEach((id) => $(id).addEventListener('change', () => changed(false)));
  $('dataset').addEventListener('change', () => {
    const d = DATASETS.find((x) => x.name === $('dataset').value);
    if (d) {
      // the data set's own defaults, as `gradgraph train --dataset NAME` takes them
      const s = Object.assign({}, d.settings, { seed: num('seed') || 0, test_fraction: num('test-fraction') || 0 });
      $('preset').value = '';
      $('preset-note').textContent = '';
      start(s);
    } else changed(false);
  });
  // a new optimiser starts at its own default rate (the engine fills it in)
  $('optimizer').addEventListener('change', () => { $('lr').value = ''; changed(true); });
  ['hidden', 'activation', 'activations', 'loss', 'output', 'lr', 'lr-end', 'steps', 'batch', 'l2', 'clip-value', 'clip-norm', 'seed']
    .forEach((id) => $(id).addEventListener('change', () => changed(id !== 'seed')));
  // a change of the settings: a new session; a refused one leaves the session and puts the
  // boxes back as they were, the message saying what was wrong
  function changed(keepData) {
    $('preset').value = '';
    $('preset-note').textContent = '';
    let s;
    try { s = readForm(); } catch (e) {
      showError(e.message);
      if (settings) fillForm(settings);
      return;
    }
    if (!start(s, { keepData }) && settings) fillForm(settings);
  }
  $('preset').addEventListener('change', () => usePreset($('preset').value));
  function usePreset(name) {
    const p = PRESETS.find((x) => x.name === name);
    if (!p) { $('preset-note').textContent = ''; return; }
    $('preset').value = name;
    if (start(Object.assign({}, p.settings))) { presetNote = p; $('preset-note').textContent = presetText(p, 'note'); }
  }
  $('csv').addEventListener('change', async () => {
    const f = $('csv').files[0];
    if (!f) return;
    const text = await f.text();
    const previous = csvFile;
    csvFile = { name: f.name, text };
    // the net as it is set now, on the file's data (its task decides the loss and output)
    const s = Object.assign({}, settings || {}, { dataset: f.name, samples: null, noise: null, loss: null, output: null });
    $('preset').value = '';
    $('preset-note').textContent = '';
    if (!start(s)) csvFile = previous;
    $('csv').value = '';
  });

  // ---- training ------------------------------------------------------------------------
  function play() {
    if (playing) { pause(); return; }
    if (!st) return;
    playing = true;
    // to the settings' steps; past them, as many more
    stopAt = st.step < settings.steps ? settings.steps : st.step + settings.steps;
    $('train-play').textContent = t('net-pause');
    setNote(null);
    requestAnimationFrame(frame);
  }
  function pause() {
    playing = false;
    $('train-play').textContent = t('net-train-play');
  }
  function frame() {
    if (!playing) return;
    const k = Number($('speed-net').value);
    const n = Math.max(1, Math.min(k, stopAt - st.step));
    if (!take(request({ cmd: 'train', steps: n })) || st.error) { pause(); return; }
    const why = stopReason();
    if (why) { pause(); setNote(why); return; }
    requestAnimationFrame(frame);
  }
  function stopReason() {
    const stopLoss = num('stop-loss');
    const m = st.train;
    if (stopLoss !== null && m && m.loss < stopLoss) return ['net-stopped-loss', { step: st.step, loss: short(m.loss), below: dec(String(stopLoss)) }];
    if ($('stop-100').checked && m && m.accuracy === 1) return ['net-stopped-all-right', { step: st.step }];
    if (st.step >= stopAt) return converged();
    return null;
  }
  // after the last step: is the loss still falling (the engine judges it as `train` does)?
  function converged() {
    const n = losses.length;
    const w = Math.max(1, Math.floor(n / 10));
    if (n < 4) return ['net-done', { step: st.step }];
    let lo = Infinity, hi = -Infinity;
    for (let i = n - w; i < n; i++) { lo = Math.min(lo, losses[i]); hi = Math.max(hi, losses[i]); }
    if (!(hi < 3 * lo) && (settings.batch_size === null || settings.batch_size >= points.length)) {
      return ['net-done-jumps', { step: st.step, lo: short(lo), hi: short(hi), w }];
    }
    const fall = st.still_falling;
    if (fall !== null && fall !== undefined) {
      return ['net-done-falling', { step: st.step, fall: dec((100 * fall).toFixed(fall > 0.1 ? 0 : 1)), w }];
    }
    const acc = st.train && st.train.accuracy;
    if (acc !== null && acc !== undefined && acc < 1) {
      return ['net-done-level-right', { step: st.step, right: dec((100 * acc).toFixed(1)) }];
    }
    return ['net-done-level', { step: st.step }];
  }

  // the note under the controls: a message and its values ([id, args], shown again in the
  // other language when the reader switches), or a text of the engine's
  let note = null;
  function setNote(what) {
    note = what;
    $('train-note').textContent = !what ? '' : Array.isArray(what) ? t(what[0], what[1]) : what;
  }
  let presetNote = null; // the preset whose note is shown
  $('train-play').addEventListener('click', play);
  $('train-step').addEventListener('click', () => { pause(); take(request({ cmd: 'train', steps: 1 })); setNote(''); });
  $('train-reset').addEventListener('click', () => { pause(); take(request({ cmd: 'rewind' })); setNote(['net-rewound']); });
  $('train-reseed').addEventListener('click', () => {
    pause();
    const seed = (settings ? settings.seed : 0) + 1;
    if (take(request({ cmd: 'reseed', seed }))) { $('seed').value = seed; setNote(['net-reseeded', { seed }]); }
  });

  // ---- the map ---------------------------------------------------------------------------
  const M = { left: 38, right: 8, top: 6, bottom: 30 };
  let plot = null; // where the data's rectangle is on the canvas, in CSS pixels
  const offscreen = document.createElement('canvas');
  function fitCanvas(c) {
    const r = c.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(r.width * dpr)), h = Math.max(1, Math.round(r.height * dpr));
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { ctx, w: r.width, h: r.height };
  }
  function ticks(lo, hi, n) {
    const span = hi - lo;
    if (!(span > 0)) return [lo];
    const raw = span / n, p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) || raw;
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * span; t += step) out.push(Math.abs(t) < 1e-12 * span ? 0 : t);
    return out;
  }
  const fmt = (x) => dec(String(Number(x.toPrecision(6))));
  function drawMap() {
    const c = $('map');
    const { ctx, w, h } = fitCanvas(c);
    ctx.clearRect(0, 0, w, h);
    if (!st) return;
    const side = Math.max(40, Math.min(w - M.left - M.right, h - M.top - M.bottom));
    plot = { x: M.left, y: M.top, w: side, h: side };
    const [x0, x1, y0, y1] = st.extent;
    const X = (x) => plot.x + (x - x0) / (x1 - x0) * plot.w;
    const Y = (y) => plot.y + plot.h - (y - y0) / (y1 - y0) * plot.h;
    ctx.fillStyle = '#fff';
    ctx.fillRect(plot.x, plot.y, plot.w, plot.h);
    const n = st.map_cells;
    if (n && st.map.length === n * n) {
      offscreen.width = n; offscreen.height = n;
      const o = offscreen.getContext('2d');
      const img = o.createImageData(n, n);
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const v = st.map[j * n + i];
          const [r, g, b, a] = cellColour(v);
          const k = ((n - 1 - j) * n + i) * 4;
          img.data[k] = r; img.data[k + 1] = g; img.data[k + 2] = b; img.data[k + 3] = a;
        }
      }
      o.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(offscreen, plot.x, plot.y, plot.w, plot.h);
      if (st.threshold !== null && st.threshold !== undefined) contour(ctx, st.map, n, st.threshold);
    }
    if (st.sizes[0] > 2 || (st.sizes[0] === 2 && st.classes === 0) || (st.sizes[0] === 1 && st.classes > 0)) {
      ctx.fillStyle = '#4a5568';
      ctx.font = '12px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText(t('net-map-cannot'), plot.x + plot.w / 2, plot.y + 16);
      const has = t(st.sizes[0] === 1 ? 'net-map-one-input' : 'net-map-inputs', { n: st.sizes[0] });
      const targets = st.classes ? t('net-map-classes', { n: st.classes }) : t('net-map-a-value');
      ctx.fillText(t('net-map-this-data', { inputs: has, targets }), plot.x + plot.w / 2, plot.y + 32);
    }
    // axes
    ctx.strokeStyle = '#8a94a6';
    ctx.lineWidth = 1;
    ctx.strokeRect(plot.x + 0.5, plot.y + 0.5, plot.w - 1, plot.h - 1);
    ctx.fillStyle = '#4a5568';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ticks(x0, x1, 5).forEach((t) => { ctx.fillText(fmt(t), X(t), plot.y + plot.h + 12); ctx.fillRect(X(t), plot.y + plot.h, 1, 3); });
    ctx.textAlign = 'right';
    ticks(y0, y1, 5).forEach((t) => { ctx.fillText(fmt(t), plot.x - 4, Y(t) + 3); ctx.fillRect(plot.x - 3, Y(t), 3, 1); });
    const regression = st.classes === 0;
    ctx.textAlign = 'center';
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText(regression ? 'x' : 'x1', plot.x + plot.w / 2, plot.y + plot.h + 25);
    ctx.save();
    ctx.translate(10, plot.y + plot.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(regression ? 'y' : 'x2', 0, 0);
    ctx.restore();
    // the fitted curve
    if (st.curve.length) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(plot.x, plot.y, plot.w, plot.h);
      ctx.clip();
      ctx.strokeStyle = '#1a365d';
      ctx.lineWidth = 2;
      ctx.beginPath();
      st.curve.forEach(([x, y], i) => (i ? ctx.lineTo(X(x), Y(y)) : ctx.moveTo(X(x), Y(y))));
      ctx.stroke();
      ctx.restore();
    }
    // the points: training ones round, held-out ones square
    points.forEach((p, i) => {
      const px = X(p.x[0]), py = Y(regression ? p.y : p.x[1]);
      if (!Number.isFinite(px) || !Number.isFinite(py)) return;
      const colour = regression ? BLUE : CLASS_COLOURS[p.y % CLASS_COLOURS.length];
      ctx.beginPath();
      if (p.test) ctx.rect(px - 4, py - 4, 8, 8); else ctx.arc(px, py, 4, 0, 2 * Math.PI);
      ctx.fillStyle = p.test ? '#fff' : css(colour);
      ctx.fill();
      ctx.lineWidth = p.test ? 2 : 1;
      ctx.strokeStyle = p.test ? css(colour) : '#fff';
      ctx.stroke();
      if (i === picked.sample) {
        ctx.beginPath();
        ctx.arc(px, py, 8, 0, 2 * Math.PI);
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = '#b7791f';
        ctx.stroke();
      }
    });
    // the legend, under the map
    ctx.textAlign = 'left';
    ctx.font = '10.5px system-ui, sans-serif';
    ctx.fillStyle = '#4a5568';
    const legend = regression ? t('net-map-legend-curve')
      : (st.threshold !== null && st.threshold !== undefined ? t('net-map-legend-boundary', { threshold: dec(String(st.threshold)) }) : t('net-map-legend-classes'));
    if (plot.x + plot.w + 150 < w) {
      ctx.fillText(legend.split('   ')[0], plot.x + plot.w + 10, plot.y + 12);
      legend.split('   ').slice(1).forEach((t, k) => ctx.fillText(t, plot.x + plot.w + 10, plot.y + 26 + 14 * k));
    }
  }
  // a cell's colour: orange for class 0, blue for class 1, paler near the boundary
  function cellColour(v) {
    if (v === null || !Number.isFinite(v)) return [200, 200, 200, 255];
    let c, t;
    if (st.threshold === null || st.threshold === undefined) {
      c = CLASS_COLOURS[v % CLASS_COLOURS.length]; t = 0.45;
    } else {
      const s = st.threshold === 0.5 ? 2 * (v - 0.5) : Math.tanh(v);
      c = s >= 0 ? BLUE : ORANGE; t = Math.min(1, Math.abs(s)) * 0.6;
    }
    return [255 + (c[0] - 255) * t, 255 + (c[1] - 255) * t, 255 + (c[2] - 255) * t, 255];
  }
  // the boundary: marching squares over the grid's cell centres
  function contour(ctx, v, n, level) {
    const cx = (i) => plot.x + (i + 0.5) / n * plot.w;
    const cy = (j) => plot.y + plot.h - (j + 0.5) / n * plot.h;
    ctx.beginPath();
    for (let j = 0; j + 1 < n; j++) {
      for (let i = 0; i + 1 < n; i++) {
        const a = v[j * n + i], b = v[j * n + i + 1], c = v[(j + 1) * n + i + 1], d = v[(j + 1) * n + i];
        const pts = [];
        const cross = (p, q, x0, y0, x1, y1) => {
          if ((p > level) === (q > level)) return;
          const t = (level - p) / (q - p);
          pts.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
        };
        cross(a, b, cx(i), cy(j), cx(i + 1), cy(j));
        cross(b, c, cx(i + 1), cy(j), cx(i + 1), cy(j + 1));
        cross(c, d, cx(i + 1), cy(j + 1), cx(i), cy(j + 1));
        cross(d, a, cx(i), cy(j + 1), cx(i), cy(j));
        for (let k = 0; k + 1 < pts.length; k += 2) { ctx.moveTo(pts[k][0], pts[k][1]); ctx.lineTo(pts[k + 1][0], pts[k + 1][1]); }
      }
    }
    ctx.strokeStyle = '#1a202c';
    ctx.lineWidth = 1.6;
    ctx.stroke();
  }
  // a click on the map: add, delete or pick, as the radio buttons say
  $('map').addEventListener('click', (e) => {
    if (!st || !plot) return;
    const r = $('map').getBoundingClientRect();
    const px = e.clientX - r.left, py = e.clientY - r.top;
    if (px < plot.x || px > plot.x + plot.w || py < plot.y || py > plot.y + plot.h) return;
    const [x0, x1, y0, y1] = st.extent;
    const x = x0 + (px - plot.x) / plot.w * (x1 - x0);
    const y = y0 + (plot.y + plot.h - py) / plot.h * (y1 - y0);
    const what = document.querySelector('input[name=click]:checked').value;
    const regression = st.classes === 0;
    if (what === 'add') {
      const req = regression ? { cmd: 'add_point', x: [x], y } : { cmd: 'add_point', x: [x, y], y: Number($('add-class').value || 0) };
      if (!regression && st.sizes[0] !== 2) { showError(t('net-add-two-inputs')); return; }
      if (take(request(req))) setNote('');
      return;
    }
    const near = nearest(px, py);
    if (near === null) return;
    if (what === 'delete') {
      if (take(request({ cmd: 'delete_point', index: near }))) {
        if (picked.sample === near) picked.sample = null;
        else if (picked.sample !== null && picked.sample > near) picked.sample--;
        redraw();
      }
    } else {
      picked.sample = near;
      redraw();
    }
  });
  function nearest(px, py) {
    const [x0, x1, y0, y1] = st.extent;
    const regression = st.classes === 0;
    let best = null, dist = 15 * 15;
    points.forEach((p, i) => {
      const qx = plot.x + (p.x[0] - x0) / (x1 - x0) * plot.w;
      const qy = plot.y + plot.h - ((regression ? p.y : p.x[1]) - y0) / (y1 - y0) * plot.h;
      const d = (qx - px) ** 2 + (qy - py) ** 2;
      if (d < dist) { dist = d; best = i; }
    });
    return best;
  }

  // ---- the net ---------------------------------------------------------------------------
  const NS = 'http://www.w3.org/2000/svg';
  const make = (tag, attrs, parent) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (parent) parent.append(e);
    return e;
  };
  function drawNet() {
    const box = $('net-view');
    const r = box.getBoundingClientRect();
    const shape = [st.sizes.join('-'), st.names.length, st.activations.join(','), st.output, Math.round(r.width), Math.round(r.height)].join('|');
    if (shape !== netShape) buildNet(r.width, r.height);
    netShape = shape;
    const index = netEls.index;
    let most = 1e-12;
    st.params.forEach((p, i) => { if (netEls.lines[i]) most = Math.max(most, Math.abs(p)); });
    netEls.lines.forEach((line, i) => {
      if (!line) return;
      const w = st.params[i];
      const width = 0.4 + 4 * Math.min(1, Math.abs(w) / most);
      line.setAttribute('stroke-width', width.toFixed(2));
      line.setAttribute('stroke', w >= 0 ? css(BLUE, 0.75) : css(ORANGE, 0.8));
    });
    netEls.neurons.forEach((g, name) => g.classList.toggle('picked', picked.neuron === name));
    if (hover !== null && editing === null) showParam(hover);
    void index;
  }
  function buildNet(W, H) {
    const svg = make('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('net-view-aria') });
    const sizes = st.sizes;
    const L = sizes.length;
    const mx = 26, my = 14;
    const colX = (l) => mx + (L === 1 ? 0 : l * (W - 2 * mx) / (L - 1));
    const rowY = (l, j) => {
      const n = sizes[l];
      const gap = Math.min(34, (H - 2 * my) / Math.max(n, 1));
      return H / 2 + (j - (n - 1) / 2) * gap;
    };
    const radius = Math.max(3, Math.min(9, (H - 2 * my) / Math.max(...sizes) / 2.6));
    const index = new Map(st.names.map((n, i) => [n, i]));
    const lines = [];
    const edges = make('g', {}, svg);
    const hits = make('g', {});
    for (let l = 1; l < L; l++) {
      for (let j = 0; j < sizes[l]; j++) {
        for (let i = 0; i < sizes[l - 1]; i++) {
          const name = `w${l}.${j + 1}.${i + 1}`;
          const k = index.get(name);
          if (k === undefined) continue;
          const at = { x1: colX(l - 1), y1: rowY(l - 1, i), x2: colX(l), y2: rowY(l, j) };
          const line = make('line', Object.assign({ class: 'edge' }, at), edges);
          // a wide transparent line over it takes the pointer: a thin weight is easy to hit
          const hit = make('line', Object.assign({ class: 'hit', 'data-param': name }, at), hits);
          hit.addEventListener('mouseenter', () => { hover = k; line.classList.add('hover'); if (editing === null) showParam(k); });
          hit.addEventListener('mouseleave', () => line.classList.remove('hover'));
          hit.addEventListener('click', () => editParam(k));
          lines[k] = line;
        }
      }
    }
    const neurons = new Map();
    svg.append(hits);
    for (let l = 0; l < L; l++) {
      for (let j = 0; j < sizes[l]; j++) {
        const name = `${l}.${j + 1}`;
        const attrs = l === 0 ? { class: 'neuron input' } : { class: 'neuron', 'data-neuron': name };
        const g = make('g', attrs, svg);
        make('circle', { cx: colX(l), cy: rowY(l, j), r: radius }, g);
        const roomy = (W - 2 * mx) / Math.max(1, L - 1) > 44 && radius >= 6;
        if (l === 0 || (sizes[l] <= 12 && roomy)) {
          const label = make('text', { x: colX(l), y: rowY(l, j) - radius - 2, 'text-anchor': 'middle' }, g);
          label.textContent = l === 0 ? (sizes[0] === 1 ? 'x' : 'x' + (j + 1)) : name;
        }
        if (l > 0) {
          const tip = make('title', {}, g);
          tip.textContent = t('net-neuron-tip', { name });
          g.addEventListener('click', () => {
            picked.neuron = picked.neuron === name ? null : name;
            const b = index.get(`b${name}`);
            if (b !== undefined) { hover = b; showParam(b); }
            redraw();
          });
          g.addEventListener('mouseenter', () => { const b = index.get(`b${name}`); if (b !== undefined && editing === null) { hover = b; showParam(b); } });
          neurons.set(name, g);
        }
      }
    }
    // each layer's activation, under its column
    const spacing = (W - 2 * mx) / Math.max(1, L - 1);
    for (let l = 1; l < L; l++) {
      const name = l === L - 1 ? (st.output === 'linear' ? t('net-layer-output') : st.output) : st.activations[l - 1];
      // a crowded net names its layers' activation once, under the first hidden layer
      if (spacing < 7 * name.length && l > 1 && l < L - 1) continue;
      const same = spacing < 7 * name.length && l === 1 && st.activations.every((a) => a === name);
      const label = make('text', { x: colX(l), y: H - 2, 'text-anchor': l === 1 && same ? 'start' : 'middle' }, svg);
      label.textContent = same ? t('net-every-hidden-layer', { name }) : name;
    }
    const box = $('net-view');
    box.textContent = '';
    box.append(svg);
    netEls = { lines, neurons, index };
  }
  function showParam(k) {
    const name = st.names[k];
    const g = st.grads[k];
    $('weight-box').textContent = t('net-weight', { name, value: short(st.params[k]), gradient: g === undefined || g === null ? '—' : short(g) });
  }
  function editParam(k) {
    const boxEl = $('weight-box');
    boxEl.textContent = '';
    editing = k;
    const label = document.createElement('label');
    label.textContent = t('net-set-weight', { name: st.names[k] }) + ' ';
    const input = document.createElement('input');
    input.value = dec(String(st.params[k]));
    input.setAttribute('data-testid', 'weight-input');
    label.append(input);
    const hint = document.createElement('span');
    hint.textContent = ' ' + t('net-set-weight-hint');
    boxEl.append(label, hint);
    input.focus();
    input.select();
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        pause();
        const r = request({ cmd: 'set_parameter', index: k, value: input.value });
        if (take(r)) { editing = null; showParam(k); setNote(['net-set-by-hand', { name: st.names[k] }]); }
      } else if (e.key === 'Escape') { editing = null; showParam(k); }
    });
  }

  // ---- the curves --------------------------------------------------------------------------
  function chart(canvas, series, title, ylabel) {
    const { ctx, w, h } = fitCanvas(canvas);
    ctx.clearRect(0, 0, w, h);
    const m = { left: 44, right: 16, top: 16, bottom: 22 };
    // many series (a deep net's layers): their legend in a column at the right, off the curves
    ctx.font = '10px system-ui, sans-serif';
    const side = series.length > 4;
    if (side) m.right = 18 + Math.max(...series.map((s) => ctx.measureText(s.label).width));
    let lo = Infinity, hi = -Infinity, xmax = 1;
    series.forEach((s) => s.points.forEach(([x, y]) => {
      if (y > 0 && Number.isFinite(y)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
      xmax = Math.max(xmax, x);
    }));
    ctx.fillStyle = '#2d3748';
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.fillText(title, m.left, 11);
    if (!(lo <= hi)) return;
    let a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
    if (a === b) { a -= 1; b += 1; }
    const pw = w - m.left - m.right, ph = h - m.top - m.bottom;
    const X = (x) => m.left + x / xmax * pw;
    const Y = (y) => m.top + ph - (Math.log10(y) - a) / (b - a) * ph;
    ctx.strokeStyle = '#e2e8f0';
    ctx.fillStyle = '#4a5568';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'right';
    const every = Math.max(1, Math.ceil((b - a) / Math.max(2, ph / 14)));
    for (let e = a; e <= b; e += every) {
      ctx.beginPath(); ctx.moveTo(m.left, Y(10 ** e)); ctx.lineTo(m.left + pw, Y(10 ** e)); ctx.stroke();
      ctx.fillText(e === 0 ? '1' : `1e${e}`, m.left - 3, Y(10 ** e) + 3);
    }
    ctx.textAlign = 'center';
    ticks(0, xmax, 5).forEach((t) => ctx.fillText(fmt(t), X(t), m.top + ph + 11));
    ctx.fillText(t('net-chart-step'), m.left + pw / 2, h - 1);
    ctx.save(); ctx.translate(9, m.top + ph / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(ylabel, 0, 0); ctx.restore();
    ctx.strokeStyle = '#a0aec0';
    ctx.strokeRect(m.left + 0.5, m.top + 0.5, pw, ph);
    series.forEach((s) => {
      ctx.strokeStyle = s.colour; ctx.fillStyle = s.colour; ctx.lineWidth = 1.4;
      if (s.dots) {
        s.points.forEach(([x, y]) => { if (y > 0) { ctx.beginPath(); ctx.rect(X(x) - 2, Y(y) - 2, 4, 4); ctx.fill(); } });
        return;
      }
      // one point per pixel column at most
      const stride = Math.max(1, Math.floor(s.points.length / pw));
      ctx.beginPath();
      let on = false;
      for (let i = 0; i < s.points.length; i += stride) {
        const [x, y] = s.points[i];
        if (!(y > 0) || !Number.isFinite(y)) { on = false; continue; }
        if (on) ctx.lineTo(X(x), Y(y)); else ctx.moveTo(X(x), Y(y));
        on = true;
      }
      ctx.stroke();
    });
    // the legend: beside the title when it fits, else in rows at the plot's top right
    ctx.textAlign = 'left';
    ctx.font = '10px system-ui, sans-serif';
    const widths = series.map((s) => ctx.measureText(s.label).width + 16);
    const all = widths.reduce((a, b) => a + b, 0);
    ctx.font = '600 11px system-ui, sans-serif';
    const titleWidth = ctx.measureText(title).width;
    ctx.font = '10px system-ui, sans-serif';
    const rows = [];
    if (side) {
      series.forEach((s, i) => {
        const y = m.top + 8 + 12 * i;
        if (y > m.top + ph) return;
        ctx.fillStyle = s.colour; ctx.fillRect(m.left + pw + 6, y - 4, 9, 3);
        ctx.fillStyle = '#2d3748'; ctx.fillText(s.label, m.left + pw + 17, y);
      });
    } else if (titleWidth + 12 + all <= pw) rows.push({ y: 11, items: series.map((s, i) => i) });
    else {
      let row = [], width = 0;
      series.forEach((s, i) => {
        if (width + widths[i] > pw * 0.9 && row.length) { rows.push({ items: row }); row = []; width = 0; }
        row.push(i); width += widths[i];
      });
      if (row.length) rows.push({ items: row });
      rows.forEach((r, k) => { r.y = m.top + 12 + 12 * k; });
      const boxWidth = Math.max(...rows.map((r) => r.items.reduce((a, i) => a + widths[i], 0)));
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(m.left + pw - boxWidth - 4, m.top + 2, boxWidth + 3, 12 * rows.length + 3);
    }
    rows.forEach((r) => {
      let lx = m.left + pw - 2;
      for (let k = r.items.length - 1; k >= 0; k--) {
        const s = series[r.items[k]];
        lx -= widths[r.items[k]];
        ctx.fillStyle = s.colour; ctx.fillRect(lx, r.y - 4, 9, 3);
        ctx.fillStyle = '#2d3748'; ctx.fillText(s.label, lx + 11, r.y);
      }
    });
  }
  function drawCharts() {
    const train = losses.map((l, k) => [k, l]);
    const series = [{ label: t('net-chart-training'), colour: '#2b6cb0', points: train }];
    if (tests.length) series.push({ label: t('net-chart-held-out'), colour: '#c05621', points: tests.map(([k, l]) => [k, l]), dots: tests.length < 2 });
    if (tests.length > 1) series[1].dots = false;
    chart($('loss-chart'), series, t('net-chart-loss-title'), t('net-chart-loss'));
    const layers = st ? st.sizes.length - 1 : 0;
    const ns = [];
    for (let l = 0; l < layers; l++) {
      ns.push({ label: l === layers - 1 ? t('net-layer-output') : t('net-chart-layer', { n: l + 1 }), colour: LAYER_COLOURS[l % LAYER_COLOURS.length], points: norms.map((n, k) => [k, n[l]]) });
    }
    chart($('norm-chart'), ns, t('net-chart-norm-title'), '‖∂L/∂w‖');
  }

  // ---- the picked sample and neuron ------------------------------------------------------
  function drawPicked() {
    const box = $('picked');
    box.textContent = '';
    const text = document.createElement('span');
    if (picked.sample === null) {
      text.textContent = t('net-picked-none');
    } else {
      const p = points[picked.sample];
      const what = t(p && p.test ? 'net-picked-held-out-point' : 'net-picked-point', { n: picked.sample + 1 });
      text.textContent = picked.neuron === null
        ? t('net-picked-whole', { what })
        : t('net-picked-neuron', { what, neuron: picked.neuron });
    }
    const button = document.createElement('button');
    button.id = 'open-chain';
    button.setAttribute('data-testid', 'open-chain');
    button.textContent = t('net-open-chain');
    button.disabled = picked.sample === null;
    button.addEventListener('click', openChain);
    box.append(text, button);
  }
  function openChain() {
    if (picked.sample === null) return;
    pause();
    const r = gg.net({ cmd: 'sample', index: picked.sample, neuron: picked.neuron });
    if (!r.graph) { showError(r.error); return; }
    setMode('expression');
    $('back').hidden = false;
    chainOf = { index: picked.sample, neuron: picked.neuron };
    gg.showGraph(r.graph, r.title, r.note);
  }

  // ---- everything ------------------------------------------------------------------------
  function redraw() {
    if (!st || $('net-main').hidden) return;
    const title = t('net-title', { dataset: settings.dataset, sizes: st.sizes.join('-'),
      activations: st.activations.filter((a, i, all) => all.indexOf(a) === i).join(', ') || t('net-no-hidden-layer'), loss: st.loss });
    if ($('title').textContent !== title) { $('title').textContent = title; document.title = title + ' · gradgraph'; }
    $('train-steps').textContent = String(st.step);
    const m = st.train;
    $('loss-now').textContent = m ? dec(String(m.loss)) : '—';
    const regression = st.classes === 0;
    $('acc-what').textContent = regression ? 'RMSE' : t('net-accuracy');
    $('accuracy').textContent = !m ? '—' : regression ? short(m.rmse) : pct(m.accuracy);
    const held = st.test;
    $('test-box').hidden = !held;
    if (held) $('test-now').textContent = t(regression ? 'net-test-regression' : 'net-test-classes', { loss: short(held.loss), rmse: short(held.rmse), accuracy: pct(held.accuracy) });
    drawMap();
    drawNet();
    drawCharts();
    drawPicked();
  }
  const pct = (a) => (a === null || a === undefined ? '—' : dec((100 * a).toFixed(1)) + '%');
  const short = (x) => dec(x === null || x === undefined ? 'NaN' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(5))) : x.toExponential(3));

  let exprTitle = null; // the expression mode's title, while the net mode shows its own
  function setMode(m) {
    if (m === $('mode').dataset.mode) return;
    if (m === 'net') exprTitle = $('title').textContent;
    else if (exprTitle !== null) $('title').textContent = exprTitle;
    $('mode').dataset.mode = m;
    $('expr-main').hidden = m !== 'expression';
    $('net-main').hidden = m !== 'net';
    if (m === 'net') {
      $('back').hidden = true;
      if (!started) { started = true; usePreset((init.net && init.net.preset) || 'circles'); }
      redraw();
    } else {
      pause();
      gg.fit();
    }
  }
  $('mode').addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (b) setMode(b.value);
  });
  $('back').addEventListener('click', () => setMode('net'));
  document.addEventListener('keydown', (e) => {
    if ($('net-main').hidden) return;
    const t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    if (e.key === ' ') { e.preventDefault(); play(); } else if (e.key === 'ArrowRight') { e.preventDefault(); pause(); take(request({ cmd: 'train', steps: 1 })); }
  });
  // a canvas is drawn for its size: drawn again when a box changes size (a note appears,
  // the window is resized)
  let resizing = 0;
  const resized = new ResizeObserver(() => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(() => { netShape = ''; redraw(); });
  });
  ['map-box', 'net-view', 'loss-chart', 'norm-chart'].forEach((id) => resized.observe($(id)));

  // where point i is drawn, in the page's coordinates (for tests that click it)
  gg.netPointAt = (i) => {
    const p = points[i];
    if (!p || !plot) return null;
    const [x0, x1, y0, y1] = st.extent;
    const r = $('map').getBoundingClientRect();
    const v = st.classes === 0 ? p.y : p.x[1];
    return { x: r.left + plot.x + (p.x[0] - x0) / (x1 - x0) * plot.w, y: r.top + plot.y + plot.h - (v - y0) / (y1 - y0) * plot.h };
  };
  // the reader switched the page's language: every text of the net mode again
  let chainOf = null; // the sample and neuron whose chain the expression mode steps
  gg.netLang = () => {
    PRESETS.forEach((p) => { const o = $('preset').querySelector(`option[value="${p.name}"]`); if (o) o.textContent = presetText(p, 'title'); });
    if (presetNote && $('preset-note').textContent) $('preset-note').textContent = presetText(presetNote, 'note');
    const file = $('dataset').querySelector('option[data-file]');
    if (file) file.textContent = t('net-file', { name: file.dataset.file });
    [...$('add-class').options].forEach((o) => { o.textContent = t('net-class', { k: o.value }); });
    [...$('activation').options].forEach((o) => { o.textContent = activationText(o.value); });
    if (settings && !settings.hidden.length) $('hidden').value = t('net-hidden-none');
    $('train-play').textContent = t(playing ? 'net-pause' : 'net-train-play');
    if (Array.isArray(note)) setNote(note);
    // the engine's texts: the state again, and the chain's title, in the new language
    if (st) take(request({ cmd: 'state' }));
    netShape = '';
    redraw();
    if (chainOf && !$('back').hidden) {
      const r = gg.net({ cmd: 'sample', index: chainOf.index, neuron: chainOf.neuron });
      if (r.graph) gg.retitle(r.title, r.note);
    }
  };
  gg.netState = () => st;
  gg.netHistory = () => losses.slice();
  gg.netPoints = () => points.slice();
  gg.netPlaying = () => playing;
  gg.netReady = gg.ready.then(() => {
    if (init.net && init.net.settings) {
      started = true;
      if (init.net.csv) csvFile = init.net.csv;
      setMode('net');
      start(init.net.settings, { weights: init.net.weights });
      if (init.net.train) take(request({ cmd: 'train', steps: init.net.train }));
      if (init.net.note) setNote(init.net.note);
    } else if (init.net && init.net.preset) setMode('net');
  });
})();
