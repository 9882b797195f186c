// Step charts in plain SVG for the dashboard's history panel: no library, nothing fetched from
// elsewhere. A value holds until the next point (a status lasts until it changes).
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const WIDTH = 800, HEIGHT = 140, LEFT = 80, RIGHT = 10, TOP = 10, BOTTOM = 22;

  function element(name, attributes, parent) {
    const e = document.createElementNS(NS, name);
    Object.keys(attributes).forEach(k => e.setAttribute(k, attributes[k]));
    if (parent) {
      parent.appendChild(e);
    }
    return e;
  }

  function text(content, attributes, parent) {
    element("text", attributes, parent).textContent = content;
  }

  /**
   * Draws points [{t: epoch ms, y: number, status?: string, title: string}] (oldest first) into
   * svg as a step line, on a time axis from `from` (null: the first point's time) to `to`;
   * `labels` maps each y value shown on the axis to its name (health: 0 DOWN .. 3 UP).
   */
  function step(svg, points, labels, from, to) {
    svg.textContent = "";
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.dataset.points = String(points.length);
    const ys = Object.keys(labels).map(Number);
    const yMin = Math.min.apply(null, ys), yMax = Math.max.apply(null, ys);
    from = from != null ? from : points.length ? points[0].t : to - 3600000;
    const span = Math.max(to - from, 1000);
    const x = t => LEFT + (t - from) / span * (WIDTH - LEFT - RIGHT);
    const y = v => HEIGHT - BOTTOM - (v - yMin) / Math.max(yMax - yMin, 1) * (HEIGHT - TOP - BOTTOM);

    element("line", { class: "axis", x1: LEFT, y1: HEIGHT - BOTTOM, x2: WIDTH - RIGHT, y2: HEIGHT - BOTTOM }, svg);
    element("line", { class: "axis", x1: LEFT, y1: TOP, x2: LEFT, y2: HEIGHT - BOTTOM }, svg);
    ys.forEach(v => text(labels[v], { class: "label", x: LEFT - 6, y: y(v) + 4, "text-anchor": "end" }, svg));
    text(new Date(from).toLocaleString(), { class: "label", x: LEFT, y: HEIGHT - 6 }, svg);
    text(new Date(to).toLocaleString(), { class: "label", x: WIDTH - RIGHT, y: HEIGHT - 6, "text-anchor": "end" }, svg);
    if (!points.length) {
      text("nothing recorded yet", { class: "label", x: (LEFT + WIDTH) / 2, y: HEIGHT / 2, "text-anchor": "middle" }, svg);
      return;
    }
    const path = [];
    points.forEach((p, i) => {
      const end = i + 1 < points.length ? points[i + 1].t : to;
      path.push(x(p.t) + "," + y(p.y), x(end) + "," + y(p.y));
    });
    element("polyline", { class: "line", points: path.join(" ") }, svg);
    points.forEach(p => {
      const attributes = { class: "point", cx: x(p.t), cy: y(p.y), r: 4 };
      if (p.status) {
        attributes["data-status"] = p.status;
      }
      const circle = element("circle", attributes, svg);
      element("title", {}, circle).textContent = p.title;
    });
  }

  window.AysCharts = { step: step };
})();
