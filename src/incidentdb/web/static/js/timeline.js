// Timeline: incidents (bars) and fatalities (line) per day or week, drawn as SVG with no library.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function node(name, attrs, text) {
    var el = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function draw(box, rows) {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (!rows.length) {
      var p = document.createElement("p");
      p.className = "muted";
      p.textContent = "No dated incidents match.";
      box.appendChild(p);
      return;
    }
    var W = 1100, H = 340, L = 48, R = 48, T = 16, B = 56;
    var iw = W - L - R, ih = H - T - B;
    var maxI = Math.max.apply(null, rows.map(function (r) { return r.incidents; })) || 1;
    // Fatalities on a log scale: one mass-casualty event must not flatten every other period to zero.
    var logK = function (k) { return Math.log(1 + k); };
    var maxK = Math.max.apply(null, rows.map(function (r) { return r.killed; })) || 1;
    var step = iw / rows.length, bw = Math.max(2, step * 0.7);
    var svg = node("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "incidents and fatalities over time" });
    svg.appendChild(node("line", { x1: L, y1: T + ih, x2: L + iw, y2: T + ih, stroke: "#888" }));
    svg.appendChild(node("text", { x: 4, y: T + 10 }, String(maxI)));
    svg.appendChild(node("text", { x: 4, y: T + ih }, "0"));
    svg.appendChild(node("text", { x: W - R + 6, y: T + 10 }, String(maxK)));
    svg.appendChild(node("text", { x: L, y: H - 6 }, "bars: incidents (left axis) · red line: killed, best figure (right axis, log scale)"));
    var points = [];
    var labelEvery = Math.ceil(rows.length / 12);
    rows.forEach(function (r, i) {
      var x = L + i * step + (step - bw) / 2;
      var h = ih * r.incidents / maxI;
      var bar = node("rect", { x: x, y: T + ih - h, width: bw, height: h, "class": "bar" });
      bar.appendChild(node("title", {}, r.period + ": " + r.incidents + " incidents, " + r.killed + " killed"));
      svg.appendChild(bar);
      var cx = L + i * step + step / 2, cy = T + ih - ih * logK(r.killed) / logK(maxK);
      points.push(cx + "," + cy);
      if (rows.length <= 120) { svg.appendChild(node("circle", { cx: cx, cy: cy, r: 3, "class": "dot" })); }
      if (i % labelEvery === 0) {
        svg.appendChild(node("text", { x: cx, y: T + ih + 14, "text-anchor": "middle" }, r.period));
      }
    });
    svg.appendChild(node("polyline", { points: points.join(" "), "class": "line" }));
    box.appendChild(svg);
  }

  function init() {
    var box = document.getElementById("timeline");
    if (!box) { return; }
    fetch(box.dataset.source, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { draw(box, data.buckets); });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
