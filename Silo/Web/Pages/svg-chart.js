'use strict';
// Small line charts in inline SVG: a frame (axes, ticks, labels, title) mapping data to pixels, and the marks the
// sweep page draws on it (lines, points, error bars, reference lines, a legend).
const SvgChart = (() => {
  const namespace = 'http://www.w3.org/2000/svg';
  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
  const margin = { left: 56, right: 16, top: 28, bottom: 44 };

  const color = index => palette[index % palette.length];

  function node(tag, attributes = {}, text) {
    const created = document.createElementNS(namespace, tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined) {
        created.setAttribute(name, value);
      }
    }
    if (text !== undefined) {
      created.textContent = text;
    }
    return created;
  }

  // About `count` round values covering [min, max].
  function niceTicks(min, max, count = 5) {
    const span = max - min || Math.abs(max) || 1;
    const raw = span / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map(factor => factor * power).find(candidate => candidate >= raw);
    const ticks = [];
    for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) {
      ticks.push({ value, label: Number(value.toPrecision(6)).toString() });
    }
    return ticks;
  }

  // Clears the svg and draws axes for x in [x.min, x.max] and y in [y.min, y.max]; x.ticks may be given as
  // [{value, label}]. Returns the scales and a place to add marks.
  function frame(svg, { width, height, title, x, y }) {
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    const pad = (range, fraction) => {
      const extra = (range.max - range.min || Math.abs(range.max) || 1) * fraction;
      return { min: range.min - extra, max: range.max + extra };
    };
    const xr = pad(x, 0.06);
    const yr = pad(y, 0.08);
    const left = margin.left, right = width - margin.right, top = margin.top, bottom = height - margin.bottom;
    const sx = value => left + (value - xr.min) / (xr.max - xr.min) * (right - left);
    const sy = value => bottom - (value - yr.min) / (yr.max - yr.min) * (bottom - top);
    for (const tick of niceTicks(yr.min, yr.max)) {
      svg.append(node('line', { class: 'grid', x1: left, x2: right, y1: sy(tick.value), y2: sy(tick.value) }));
      svg.append(node('text', { x: left - 6, y: sy(tick.value) + 4, 'text-anchor': 'end' }, tick.label));
    }
    for (const tick of x.ticks || niceTicks(xr.min, xr.max)) {
      svg.append(node('line', { class: 'axis', x1: sx(tick.value), x2: sx(tick.value), y1: bottom, y2: bottom + 4 }));
      svg.append(node('text', { x: sx(tick.value), y: bottom + 17, 'text-anchor': 'middle' }, tick.label));
    }
    svg.append(node('line', { class: 'axis', x1: left, x2: right, y1: bottom, y2: bottom }));
    svg.append(node('line', { class: 'axis', x1: left, x2: left, y1: top, y2: bottom }));
    svg.append(node('text', { x: (left + right) / 2, y: height - 8, 'text-anchor': 'middle' }, x.label));
    svg.append(node('text', { x: 14, y: (top + bottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(top + bottom) / 2})` }, y.label));
    svg.append(node('text', { x: left, y: 16, 'font-weight': 'bold' }, title));
    return { sx, sy, left, right, top, bottom, add: mark => svg.append(mark) };
  }

  // A polyline through [x, y] points; style: { color, dash, width }.
  function line(chart, points, { color: stroke, dash, width = 1.5 } = {}) {
    chart.add(node('polyline', {
      points: points.map(([px, py]) => `${chart.sx(px)},${chart.sy(py)}`).join(' '),
      fill: 'none', stroke, 'stroke-width': width, 'stroke-dasharray': dash,
    }));
  }

  // Points drawn as dots, open circles or crosses, with an optional tooltip each.
  function points(chart, items, { color: stroke, shape = 'dot', size = 4 }) {
    for (const { x, y, tip } of items) {
      const cx = chart.sx(x), cy = chart.sy(y);
      const mark = shape === 'cross'
        ? node('path', { d: `M${cx - size},${cy - size}L${cx + size},${cy + size}M${cx - size},${cy + size}L${cx + size},${cy - size}`, stroke, 'stroke-width': 1.5 })
        : node('circle', { cx, cy, r: size, fill: shape === 'open' ? 'none' : stroke, stroke, 'stroke-width': 1.5 });
      if (tip) {
        mark.append(node('title', {}, tip));
      }
      chart.add(mark);
    }
  }

  // Vertical bars of ±err around each point.
  function errorBars(chart, items, stroke) {
    for (const { x, y, err } of items.filter(item => item.err > 0)) {
      const cx = chart.sx(x);
      chart.add(node('path', {
        d: `M${cx},${chart.sy(y - err)}L${cx},${chart.sy(y + err)}M${cx - 3},${chart.sy(y - err)}L${cx + 3},${chart.sy(y - err)}M${cx - 3},${chart.sy(y + err)}L${cx + 3},${chart.sy(y + err)}`,
        stroke, 'stroke-width': 1,
      }));
    }
  }

  // A legend in the top right corner of the plot area: [{ label, color, dash }].
  function legend(chart, entries) {
    entries.forEach(({ label, color: stroke, dash }, index) => {
      const y = chart.top + 12 + index * 16;
      chart.add(node('line', { x1: chart.right - 190, x2: chart.right - 170, y1: y - 4, y2: y - 4, stroke, 'stroke-width': 2, 'stroke-dasharray': dash }));
      chart.add(node('text', { x: chart.right - 164, y }, label));
    });
  }

  return { color, frame, line, points, errorBars, legend, node };
})();
