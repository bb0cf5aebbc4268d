// gradgraph's interactive page: steps through the forward and the backward pass of the graph
// drawn above. Plain JavaScript, no library, no network: the data is the JSON of #gg-data.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('gg-data').textContent);
  var steps = D.steps;
  var total = steps.length;
  var nodes = D.nodes;
  var SVGNS = 'http://www.w3.org/2000/svg';
  var $ = function (id) { return document.getElementById(id); };
  var svg = document.querySelector('#graph svg');
  var layer = svg ? svg.querySelector('g') : null;

  // SVG elements by their Graphviz title: n5, op5, n0->op5, group2
  var byTitle = new Map();
  if (svg) {
    svg.querySelectorAll('g.node, g.edge').forEach(function (g) {
      var t = g.querySelector('title');
      if (!t) return;
      var key = t.textContent;
      if (!byTitle.has(key)) byTitle.set(key, []);
      byTitle.get(key).push(g);
    });
  }
  var first = function (title) { var l = byTitle.get(title); return l ? l[0] : null; };

  // per value: its group, its data and grad texts, and what is shown now
  var ids = Object.keys(nodes).map(Number).sort(function (a, b) { return a - b; });
  var view = {};
  ids.forEach(function (i) {
    var nd = nodes[i];
    var g = first(nd.svg);
    var data = null, grad = null;
    if (g && nd.svg === 'n' + i) {
      g.querySelectorAll('text').forEach(function (t) {
        var s = t.textContent;
        if (s.indexOf('data ') === 0) data = t;
        else if (s.indexOf('grad') === 0) grad = t;
      });
    }
    // in a collapsed view a value has no record of its own: its group's node stands for it,
    // highlighted while the value is the current one
    var own = nd.svg === 'n' + i;
    view[i] = { g: own ? g : null, host: g, op: first('op' + i), data: data, grad: grad, cls: null, dataText: null, gradText: null };
  });

  // when each value is computed (forward) and processed (backward), and what it receives
  var forwardAt = {}, backwardAt = {}, received = {};
  steps.forEach(function (s, k) {
    if (s.phase === 'forward') forwardAt[s.node] = k;
    else {
      backwardAt[s.node] = k;
      (s.edges || []).forEach(function (e) {
        if (!received[e.to]) received[e.to] = [];
        received[e.to].push({ step: k, edge: e });
      });
    }
  });
  var outputGrad = D.forward < total ? steps[D.forward].upstream : null;

  var roles = {};
  function setClass(el, cls, on) { if (el) el.classList.toggle(cls, on); }

  function nodeState(i, k) {
    var nd = nodes[i];
    if (k < D.forward) {
      var done = forwardAt[i] <= k;
      return {
        cls: forwardAt[i] === k ? 'current' : done ? 'done' : 'pending',
        data: done ? 'data ' + nd.data : 'data',
        grad: 'grad'
      };
    }
    var grad = null;
    if (i === D.output) grad = outputGrad;
    var got = received[i] || [];
    for (var r = 0; r < got.length && got[r].step <= k; r++) grad = got[r].edge.acc;
    var processed = backwardAt[i] !== undefined && backwardAt[i] <= k;
    var cls = backwardAt[i] === k ? 'current' : processed ? 'done' : grad !== null ? 'reached' : 'pending';
    var gradText = 'grad';
    if (nd.kind === 'constant') gradText = grad !== null ? 'grad (none kept)' : 'grad';
    else if (grad !== null) gradText = 'grad ' + grad;
    return { cls: cls, data: 'data ' + nd.data, grad: gradText };
  }

  // what the current step drew on top of the picture, removed at the next one
  var decorations = [];
  function clearDecorations() {
    decorations.forEach(function (d) {
      if (d.remove) d.remove();
      else d.el.classList.remove(d.cls);
    });
    decorations = [];
  }
  function mark(el, cls) {
    if (!el) return;
    el.classList.add(cls);
    decorations.push({ el: el, cls: cls });
  }
  function edgeInto(i, k) {
    var operand = nodes[i].operands[k];
    var same = 0;
    for (var j = 0; j < k; j++) if (nodes[i].operands[j] === operand) same++;
    var list = byTitle.get('n' + operand + '->op' + i);
    return list ? list[same] || list[0] : null;
  }
  // Edge labels are placed in two passes: every label of the step is collected, then placed
  // and written at once. Positions come from the attributes Graphviz wrote, not from the
  // browser's layout (asking it would lay the whole picture out again for every label). A
  // label's size is estimated from its monospace font (6.7 px a character, 12 px a line); one
  // that would cover an earlier label or a node of this step moves down below it.
  var pending = [];
  function label(edge, lines) {
    if (edge && layer) pending.push({ edge: edge, lines: lines });
  }
  function numbers(text) {
    return (text || '').split(/[\s,A-Za-z]+/).filter(function (t) { return t !== ''; }).map(Number);
  }
  function boxOf(el) {
    if (!el) return null;
    if (el.ggBox !== undefined) return el.ggBox;
    var shape = el.querySelector('polygon, ellipse, path');
    var box = null;
    if (shape && shape.tagName === 'ellipse') {
      var cx = Number(shape.getAttribute('cx')), cy = Number(shape.getAttribute('cy'));
      var rx = Number(shape.getAttribute('rx')), ry = Number(shape.getAttribute('ry'));
      box = { x: cx - rx, y: cy - ry, width: 2 * rx, height: 2 * ry };
    } else if (shape) {
      // a polygon's corners, or a rounded cluster's path (its control points bound it)
      var xy = numbers(shape.getAttribute(shape.tagName === 'path' ? 'd' : 'points'));
      var xs = xy.filter(function (v, k) { return k % 2 === 0; });
      var ys = xy.filter(function (v, k) { return k % 2 === 1; });
      var x0 = Math.min.apply(null, xs), y0 = Math.min.apply(null, ys);
      box = { x: x0, y: y0, width: Math.max.apply(null, xs) - x0, height: Math.max.apply(null, ys) - y0 };
    }
    el.ggBox = box;
    return box;
  }
  function middleOf(edge) {
    var path = edge.querySelector('path');
    var xy = numbers(path && path.getAttribute('d'));
    var points = Math.floor(xy.length / 2);
    if (points === 0) return null;
    var k = Math.floor(points / 2);
    return { x: xy[2 * k], y: xy[2 * k + 1] };
  }
  // the legend: a label that would cover it moves to its right, not below it (it is tall)
  var legend = null;
  if (svg) {
    svg.querySelectorAll('g.cluster').forEach(function (g) {
      var t = g.querySelector('title');
      if (t && t.textContent === 'cluster_legend') legend = g;
    });
  }
  // every value's and op's box: a label keeps off all of them, not only this step's
  // (the legend's entries are left to the legend's own box)
  var allNodes = svg ? Array.prototype.slice.call(svg.querySelectorAll('g.node')).filter(function (g) {
    var t = g.querySelector('title');
    return !(t && t.textContent.indexOf('legend_') === 0);
  }) : [];
  function placeLabels(obstacles) {
    var placed = obstacles.concat(allNodes).map(boxOf).filter(function (b) { return b; });
    var legendBox = boxOf(legend);
    if (legendBox) placed.push(legendBox);
    pending.forEach(function (l) {
      var p = middleOf(l.edge);
      if (!p) return;
      var width = 6.7 * Math.max.apply(null, l.lines.map(function (t) { return t.length; }));
      var height = 12 * l.lines.length + 2;
      var box = { x: p.x - width / 2, y: p.y - 4 - height, width: width, height: height };
      for (var tries = 0; tries < 200; tries++) {
        var hit = null;
        for (var b = 0; b < placed.length && !hit; b++) {
          var o = placed[b];
          if (box.x < o.x + o.width && o.x < box.x + box.width && box.y < o.y + o.height && o.y < box.y + box.height) hit = o;
        }
        if (!hit) break;
        if (hit === legendBox) box.x = hit.x + hit.width + 2;
        else box.y = hit.y + hit.height + 2;
      }
      placed.push(box);
      var centre = box.x + width / 2;
      var text = document.createElementNS(SVGNS, 'text');
      text.setAttribute('class', 'edge-label');
      text.setAttribute('x', centre);
      text.setAttribute('y', box.y + 11);
      l.lines.forEach(function (line, k) {
        var span = document.createElementNS(SVGNS, 'tspan');
        span.setAttribute('x', centre);
        if (k > 0) span.setAttribute('dy', '12');
        span.textContent = line;
        text.appendChild(span);
      });
      layer.appendChild(text);
      decorations.push(text);
    });
    pending = [];
  }

  function roleOf(i, k) {
    var r = nodes[i].roles;
    return r && r[k] ? ' (' + r[k] + ')' : '';
  }

  var current = 0;
  function render(k) {
    current = Math.max(0, Math.min(total - 1, k));
    var s = steps[current];
    for (var n = 0; n < ids.length; n++) {
      var i = ids[n], v = view[i], st = nodeState(i, current);
      if (v.cls !== st.cls) {
        if (v.g) {
          if (v.cls) v.g.classList.remove(v.cls);
          v.g.classList.add(st.cls);
        }
        if (v.op) {
          if (v.cls) v.op.classList.remove(v.cls);
          v.op.classList.add(st.cls);
        }
        v.cls = st.cls;
      }
      if (v.data && v.dataText !== st.data) { v.data.textContent = st.data; v.dataText = st.data; }
      if (v.grad && v.gradText !== st.grad) { v.grad.textContent = st.grad; v.gradText = st.grad; }
    }
    clearDecorations();
    var nd = nodes[s.node];
    if (view[s.node] && !view[s.node].g) mark(view[s.node].host, 'current');
    var into = first('op' + s.node + '->n' + s.node);
    var list = $('edges');
    list.textContent = '';
    if (s.phase === 'forward') {
      nd.operands.forEach(function (o, k) { mark(edgeInto(s.node, k), 'forward-edge'); });
      mark(into, 'forward-edge');
      if (nd.kind === 'op') addLine(list, 'formula: ' + nd.formula);
    } else {
      mark(into, 'backward-edge');
      addLine(list, '∂f/∂' + nd.name + ' = ' + s.upstream + (s.node === D.output ? ' (the output: ∂f/∂f = 1)' : ''));
      if (nd.kind === 'constant') addLine(list, 'a constant keeps no gradient');
      else if (nd.kind !== 'op') addLine(list, 'a leaf: its gradient is complete');
      (s.edges || []).forEach(function (e) {
        var edge = edgeInto(s.node, e.k);
        mark(edge, 'backward-edge');
        var sum = e.before > 0 ? 'grad += ' + e.product + ' → ' + e.acc : 'grad = ' + e.product;
        var lines = (e.lines && e.lines.length ? e.lines : [e.formula]).concat([e.local + ' × ' + s.upstream + ' = ' + e.product]);
        if (e.before > 0) lines.push(sum);
        label(edge, lines);
        addLine(list, '→ ' + nodes[e.to].name + roleOf(s.node, e.k) + ': ' + e.formula +
          ';  ' + e.local + ' × ' + s.upstream + ' = ' + e.product + ';  ' + sum);
      });
      // the labels keep off the nodes this step is about
      var obstacles = [];
      [view[s.node]].concat(nd.operands.map(function (o) { return view[o]; })).forEach(function (v) {
        if (v && v.g) obstacles.push(v.g);
        if (v && v.op) obstacles.push(v.op);
      });
      placeLabels(obstacles);
    }
    $('step').textContent = (current + 1) + ' / ' + total;
    $('phase').textContent = s.phase;
    $('phase').className = 'phase ' + s.phase;
    var cur = $('current');
    cur.textContent = nd.name;
    cur.setAttribute('data-node', String(s.node));
    $('explain').textContent = s.text;
    var slider = $('slider');
    if (Number(slider.value) !== current + 1) slider.value = String(current + 1);
    $('prev').disabled = current === 0;
    $('next').disabled = current === total - 1;
    reveal(view[s.node] && view[s.node].host);
  }

  function addLine(list, text) {
    var p = document.createElement('p');
    p.textContent = text;
    list.appendChild(p);
  }

  // keeps the current node in sight in a big picture
  function reveal(g) {
    if (!g) return;
    var box = $('graph').getBoundingClientRect();
    var r = g.getBoundingClientRect();
    if (r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom) {
      g.scrollIntoView({ block: 'center', inline: 'center' });
    }
  }

  // the whole derivation of one node
  function derive(i) {
    var nd = nodes[i];
    var box = $('derivation');
    box.textContent = '';
    box.setAttribute('data-node', String(i));
    var h = document.createElement('h3');
    h.textContent = nd.name;
    box.appendChild(h);
    if (nd.kind === 'op') addLine(box, 'value: ' + nd.formula + ' = ' + nd.plugged);
    else addLine(box, 'value: ' + nd.plugged);
    if (nd.kind === 'constant') {
      addLine(box, 'a constant keeps no gradient');
      return;
    }
    if (i === D.output) {
      addLine(box, '∂f/∂f = 1: it is the output');
    } else {
      addLine(box, '∂f/∂node = Σ over consumers (local × upstream):');
      var got = received[i] || [];
      got.forEach(function (r) {
        var s = steps[r.step];
        addLine(box, '  + ' + r.edge.local + ' × ' + s.upstream + ' = ' + r.edge.product +
          '   (from ' + nodes[s.node].name + ': ' + r.edge.formula + ')');
      });
      addLine(box, '  = ' + nd.grad + (got.length > 1 ? ' (' + got.length + ' terms)' : ''));
    }
    if (nd.fd !== undefined) {
      addLine(box, 'finite difference (central): ' + nd.fd + '   analytic: ' + nd.grad);
    }
  }

  // controls
  var timer = null;
  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    $('play').textContent = '▶ play';
    $('play').setAttribute('aria-pressed', 'false');
  }
  function play() {
    if (timer !== null) { stop(); return; }
    if (current === total - 1) render(0);
    $('play').textContent = '‖ pause';
    $('play').setAttribute('aria-pressed', 'true');
    timer = setInterval(function () {
      if (current >= total - 1) stop();
      else render(current + 1);
    }, Number($('speed').value));
  }
  function button(id, act) {
    $(id).addEventListener('click', function () { act(); this.blur(); });
  }
  button('next', function () { stop(); render(current + 1); });
  button('prev', function () { stop(); render(current - 1); });
  button('first', function () { stop(); render(0); });
  button('last', function () { stop(); render(total - 1); });
  button('play', play);
  $('speed').addEventListener('change', function () {
    if (timer !== null) { stop(); play(); }
    this.blur();
  });
  var slider = $('slider');
  slider.max = String(total);
  slider.addEventListener('input', function () { stop(); render(Number(slider.value) - 1); });
  document.addEventListener('keydown', function (e) {
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT') return;
    if (e.key === 'ArrowRight') { stop(); render(current + 1); }
    else if (e.key === 'ArrowLeft') { stop(); render(current - 1); }
    else if (e.key === ' ' || e.key === 'Spacebar') play();
    else if (e.key === 'Home') { stop(); render(0); }
    else if (e.key === 'End') { stop(); render(total - 1); }
    else return;
    e.preventDefault();
  });
  if (svg) {
    svg.addEventListener('click', function (e) {
      var g = e.target.closest('[data-node], [data-op]');
      if (!g) return;
      var i = Number(g.getAttribute('data-node') || g.getAttribute('data-op'));
      if (nodes[i]) derive(i);
    });
  }
  // a picture that fits in its pane at a legible scale (at least 80% of its size) is shown
  // whole; a bigger one keeps its size and scrolls, the current node kept in sight
  function fit() {
    if (!svg) return;
    var natural = svg.width.baseVal.value;
    var room = $('graph').clientWidth - 16;
    if (natural > 0 && room > 0 && room / natural >= 0.8) {
      svg.style.width = Math.min(1.5 * natural, room) + 'px';
      svg.style.height = 'auto';
    }
  }
  fit();
  window.addEventListener('resize', fit);
  render(0);
})();
