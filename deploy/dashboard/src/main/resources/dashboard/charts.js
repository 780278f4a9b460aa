// Small inline-SVG charts: line charts over time with axes and a legend, and sparklines for the tiles.
'use strict';
const SVG_NS = 'http://www.w3.org/2000/svg';
const LEGEND_ENTRIES = 8;
const PALETTE = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#c62828', '#00838f', '#5d4037', '#9e9d24'];

function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// series: [{name, points: [{x: epoch millis, y: number}]}]; options: {yMin, yMax, yUnit, markers (hover values)}
function lineChart(svg, series, options) {
  options = options || {};
  const width = 640, height = 220, left = 44, right = 12, top = 12, bottom = 40;
  svg.replaceChildren();
  const points = series.flatMap(s => s.points);
  if (points.length === 0) {
    svg.appendChild(svgElement('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'}, 'no data yet'));
    return;
  }
  const xs = points.map(p => p.x), ys = points.map(p => p.y);
  let xMin = Math.min(...xs), xMax = Math.max(...xs);
  if (xMin === xMax) { xMin -= 60000; xMax += 60000; }
  const yMin = options.yMin !== undefined ? options.yMin : Math.min(0, ...ys);
  let yMax = options.yMax !== undefined ? options.yMax : Math.max(...ys);
  if (yMax === yMin) yMax = yMin + 1;
  const sx = x => left + (x - xMin) / (xMax - xMin) * (width - left - right);
  const sy = y => top + (1 - (y - yMin) / (yMax - yMin)) * (height - top - bottom);
  svg.appendChild(svgElement('line', {class: 'axis', x1: left, y1: sy(yMin), x2: width - right, y2: sy(yMin)}));
  svg.appendChild(svgElement('line', {class: 'axis', x1: left, y1: top, x2: left, y2: sy(yMin)}));
  for (let i = 0; i <= 4; i++) {
    const y = yMin + (yMax - yMin) * i / 4;
    svg.appendChild(svgElement('text', {x: left - 4, y: sy(y) + 3, 'text-anchor': 'end'},
      (Math.round(y * 10) / 10) + (options.yUnit || '')));
  }
  for (let i = 0; i <= 3; i++) {
    const x = xMin + (xMax - xMin) * i / 3;
    const label = new Date(x).toISOString().substring(5, 16).replace('T', ' ');
    const anchor = i === 0 ? 'start' : i === 3 ? 'end' : 'middle'; // keep the end labels inside the box
    svg.appendChild(svgElement('text', {x: sx(x), y: height - bottom + 14, 'text-anchor': anchor}, label));
  }
  series.forEach((s, index) => {
    const color = PALETTE[index % PALETTE.length];
    const sorted = [...s.points].sort((a, b) => a.x - b.x);
    const mark = sorted.length === 1
      ? svgElement('circle', {cx: sx(sorted[0].x), cy: sy(sorted[0].y), r: 3, fill: color})
      : svgElement('polyline', {class: 'series', stroke: color,
        points: sorted.map(p => sx(p.x).toFixed(1) + ',' + sy(p.y).toFixed(1)).join(' ')});
    mark.appendChild(svgElement('title', {}, s.name));
    svg.appendChild(mark);
    if (options.markers && sorted.length > 1) {
      // Hover values: a dot per point with its series, time and value.
      for (const p of sorted) {
        const dot = svgElement('circle', {class: 'point', cx: sx(p.x).toFixed(1), cy: sy(p.y).toFixed(1), r: 2.5,
          fill: color});
        dot.appendChild(svgElement('title', {}, `${s.name} ${new Date(p.x).toISOString().substring(11, 16)} UTC: `
          + `${Math.round(p.y * 10) / 10}${options.yUnit || ''}`));
        svg.appendChild(dot);
      }
    }
    if (series.length <= LEGEND_ENTRIES) {
      const legendX = left + index * 72;
      svg.appendChild(svgElement('rect', {x: legendX, y: height - 14, width: 10, height: 10, fill: color}));
      svg.appendChild(svgElement('text', {x: legendX + 14, y: height - 5}, s.name));
    }
  });
  if (series.length > LEGEND_ENTRIES) {
    svg.appendChild(svgElement('text', {x: left, y: height - 5},
      series.length + ' lines: hover a line for its name'));
  }
}

// A line of values without axes, scaled to the box.
function sparkline(svg, values, color) {
  svg.replaceChildren();
  if (values.length < 2) return;
  const width = 200, height = 40, max = Math.max(...values, 1), min = Math.min(...values, 0);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const points = values.map((v, i) => (i / (values.length - 1) * width).toFixed(1) + ','
    + (height - 2 - (v - min) / (max - min || 1) * (height - 4)).toFixed(1));
  svg.appendChild(svgElement('polyline', {points: points.join(' '), fill: 'none', stroke: color, 'stroke-width': 2}));
}
