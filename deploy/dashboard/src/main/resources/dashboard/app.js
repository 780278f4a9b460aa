// The live dashboard: renders the state the server sends on /events (a full "state" first, then "machine" and
// "ledger" updates) without reloading the page.
'use strict';
const machines = new Map();
const BUCKET_NAMES = {
  MATERIAL: 'Material', CAPACITY: 'Capacity', SUBCONTRACTED: 'Subcontracted', CAPACITY_OVERHEAD: 'Capacity overhead',
  MANUFACTURING_OVERHEAD: 'Manufacturing overhead', TOTAL: 'Total'
};
const TOTALS_NOTE = 'parts of every KPI window still on the machine-kpis topic (about the last 96 windows)';
// The time-loss breakdown of a shift to date: [field of OeeSummary, label, colour].
const TIME_ELEMENTS = [['productionMinutes', 'Production', 'var(--running)'], ['setupMinutes', 'Setup', 'var(--setup)'],
  ['downMinutes', 'Down (unplanned stops)', 'var(--stopped)'], ['delayMinutes', 'Delay (idle)', 'var(--idle)'],
  ['noSignalMinutes', 'No signal', 'var(--no-signal)'],
  ['plannedDowntimeMinutes', 'Planned downtime (breaks, maintenance)', 'var(--planned)']];
const STAT_COLUMNS = [['standardCost', 'Standard'], ['expectedCost', 'Expected'], ['actualCost', 'Actual'],
  ['deviationPct', 'Dev. %'], ['variance', 'Variance']];

function text(value, fallback) {
  return value === null || value === undefined ? (fallback === undefined ? '–' : fallback) : String(value);
}

function renderMachine(machine) {
  machines.set(machine.machineId, machine);
  const container = document.getElementById('machines');
  container.querySelector('.empty')?.remove();
  let tile = container.querySelector(`[data-machine="${CSS.escape(machine.machineId)}"]`);
  const fresh = !tile;
  if (fresh) {
    tile = el('article', {class: 'tile', 'data-machine': machine.machineId});
    const tiles = [...container.children];
    const after = tiles.find(t => t.dataset.machine > machine.machineId);
    container.insertBefore(tile, after || null);
  }
  tile.className = 'tile state-' + machine.state;
  plantClock(machine);
  const since = machine.stateSince ? new Date(machine.stateSince) : null;
  const sinceText = since ? since.toISOString().substring(11, 16) + ' UTC' : '';
  const shift = machine.shiftToDate;
  const hour = machine.lastHour;
  const suspect = shift && shift.flag === 'IDEAL_CYCLE_TIME_SUSPECT';
  const facts = el('dl', {class: 'facts'},
    el('dt', {title: 'production time / planned busy time, shift to date'}, 'Availability'),
    el('dd', {class: 'availability'}, pct(shift && shift.availabilityPct)),
    el('dt', {title: 'ideal cycle time x parts / production time, shift to date'}, 'Performance'),
    el('dd', {class: 'performance' + (suspect ? ' finding' : '')}, pct(shift && shift.performancePct)),
    el('dt', {title: 'good / (good + scrap), shift to date'}, 'Quality'),
    el('dd', {class: 'quality'}, pct(shift && shift.qualityPct)),
    el('dt', {title: 'OEE of the windows of the last hour'}, 'OEE last hour'),
    el('dd', {class: 'oee-hour'}, hour && hour.flag ? 'check' : pct(hour && hour.oeePct)),
    el('dt', {}, 'Good / scrap this shift'),
    el('dd', {class: 'shift-parts'}, shift ? `${shift.goodParts} / ${shift.scrapParts} pcs` : '–'),
    el('dt', {title: TOTALS_NOTE}, 'Good (pcs, recent)'), el('dd', {class: 'good'}, text(machine.goodParts, '0')),
    el('dt', {title: TOTALS_NOTE}, 'Scrap (pcs, recent)'), el('dd', {class: 'scrap'}, text(machine.scrapParts, '0')),
    el('dt', {}, 'Order / op.'), el('dd', {class: 'operation'},
      machine.orderNo ? `${machine.orderNo} / ${text(machine.operationNo)}` : '–'),
    el('dt', {title: 'the order\'s output so far / its quantity, as the ledger has them'}, 'Order progress'),
    el('dd', {class: 'order-progress'}, orderProgress(machine)[0]),
    el('dt', {title: 'now (the plant\'s clock) + the pieces still to make x the cycle time of the last hour, '
      + 'else the routing\'s ideal cycle time'}, 'Expected end'),
    el('dd', {class: 'expected-end'}, orderProgress(machine)[1]));
  if (machine.stopCode) facts.append(el('dt', {}, 'Stop code'), el('dd', {class: 'stop-code'}, machine.stopCode));
  const spark = document.createElementNS(SVG_NS, 'svg');
  const shiftLabel = shift && shift.shiftCode ? `shift ${shift.shiftCode} ${shift.shiftDate} to date` : 'shift to date';
  tile.replaceChildren(...[
    el('h3', {}, machine.machineId, el('span', {class: 'state', title: 'since ' + sinceText}, machine.state)),
    since ? el('div', {class: 'state-duration', title: 'by the plant\'s clock: the latest event time reported'},
      `${machine.state} for ${duration(since)}, since ${sinceText}`) : null,
    el('div', {class: 'oee', title: suspect ? 'performance above 100 %: the ideal cycle time of the routing is '
        + 'wrong, so no OEE is shown' : 'availability x performance x quality'},
      suspect ? '⚠ check' : pct(shift && shift.oeePct), ' ', el('small', {}, 'OEE, ' + shiftLabel)),
    suspect ? el('p', {class: 'finding'}, 'Ideal cycle time suspect: performance ' + pct(shift.performancePct)) : null,
    facts, timeLosses(shift, machine.shiftStops || []), spark].filter(child => child !== null));
  sparkline(spark, machine.recentGoodParts, '#2e7d32');
  spark.appendChild(svgElement('title', {}, 'good pieces per KPI window, the kept windows'));
  if (!fresh) {
    tile.classList.add('flash');
    setTimeout(() => tile.classList.remove('flash'), 1000);
  }
}

// The orders as the ledger has them (status, quantity, output), by order no., for the tiles' progress.
const ledgerOrders = new Map();

function quantity(value) {
  return value === null || value === undefined ? '–' : String(Number(value));
}

// [progress, expected end] of the order a machine works on: output / quantity (pcs, %), and when the rest is made
// at the cycle time of the last hour (its production time per piece), else at the ideal cycle time.
function orderProgress(machine) {
  if (!machine.orderNo) return ['–', '–'];
  const order = ledgerOrders.get(machine.orderNo);
  if (!order) return ['not in the ledger yet', '–'];
  const progress = `${quantity(order.outputQuantity)} / ${quantity(order.plannedQuantity)} pcs`
    + (order.progressPct === null || order.progressPct === undefined ? '' : ` (${order.progressPct} %)`);
  if (order.status === 'FINISHED') return [progress, 'finished'];
  const remaining = Number(order.plannedQuantity) - Number(order.outputQuantity);
  if (!(remaining > 0)) return [progress, 'quantity reached'];
  const hour = machine.lastHour;
  const hourParts = hour ? hour.goodParts + hour.scrapParts : 0;
  const recent = hourParts > 0 ? Number(hour.productionMinutes) * 60000 / hourParts : null;
  const cycle = recent || machine.idealCycleTimeMillis;
  if (!cycle) return [progress, '–'];
  const end = new Date(plantNow + remaining * cycle).toISOString();
  return [progress, `${end.substring(0, 10)} ${end.substring(11, 16)} UTC at ${(cycle / 1000).toFixed(1)} s/pc `
    + (recent ? '(last hour)' : '(ideal)')];
}

// A ledger update refreshes the progress on every tile (without redrawing them).
function refreshOrderProgress() {
  for (const machine of machines.values()) {
    const tile = document.querySelector(`[data-machine="${CSS.escape(machine.machineId)}"]`);
    if (!tile) continue;
    const [progress, end] = orderProgress(machine);
    tile.querySelector('.order-progress').textContent = progress;
    tile.querySelector('.expected-end').textContent = end;
  }
}

// The plant's clock: the latest event time any machine reported (simulated plants run ahead of the wall clock).
let plantNow = 0;
function plantClock(machine) {
  for (const t of [machine.stateSince, machine.kpiWindowEnd]) {
    if (t) plantNow = Math.max(plantNow, Date.parse(t));
  }
  return plantNow;
}

// How long a state lasts so far by the plant's clock ("12 min", "3 h 05 min").
function duration(since) {
  const minutes = Math.max(0, Math.floor((plantNow - since.getTime()) / 60000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

// A bar of the shift's time elements (minutes), each part with its label and minutes on hover, the losses as text,
// and the stop time by code (from the machine's state changes: codes, micro-stops, no signal).
function timeLosses(shift, stops) {
  if (!shift) return el('div', {class: 'time-losses empty'}, 'no shift figures yet');
  const total = TIME_ELEMENTS.reduce((sum, [field]) => sum + Number(shift[field] || 0), 0);
  const bar = el('div', {class: 'time-bar'}, ...TIME_ELEMENTS.filter(([field]) => Number(shift[field]) > 0)
    .map(([field, label, colour]) => el('span', {'data-element': field, title: `${label}: ${shift[field]} min`,
      style: `width: ${(100 * Number(shift[field]) / (total || 1)).toFixed(2)}%; background: ${colour}`})));
  const losses = TIME_ELEMENTS.slice(1).filter(([field]) => Number(shift[field]) > 0)
    .map(([field, label]) => `${label.split(' (')[0]} ${shift[field]} min`);
  const byCode = stops.length ? el('small', {class: 'stops-by-code', title: 'stop time of the shift by stop code, '
      + 'from the machine\'s states (micro-stops: stops under 30 s)'}, 'Stops: ',
    ...stops.flatMap((stop, i) => [i > 0 ? ' · ' : '', el('span', {'data-code': stop.code},
      `${stop.code} ${stop.minutes} min`)])) : null;
  return el('div', {class: 'time-losses'}, bar,
    el('small', {class: 'loss-text'}, losses.length ? losses.join(' · ') : 'no time lost'), byCode || '');
}

function pct(value) {
  return value === null || value === undefined ? '–' : value + ' %';
}

// The line charts as the server computed them: per line the good pieces cumulated over its window ends and its OEE
// per ten minutes (LineTrend); a tile does not carry its windows.
function renderCharts(lines) {
  lineChart(document.getElementById('output-chart'), lines.map(l => ({name: l.line, points: l.output})),
    {yUnit: ' pcs', markers: true});
  lineChart(document.getElementById('oee-chart'), lines.map(l => ({name: l.line, points: l.oeePct})),
    {yMin: 0, yMax: 100, yUnit: ' %', markers: true});
}

function renderLedger(ledger) {
  ledgerOrders.clear();
  ledger.orders.forEach(o => ledgerOrders.set(o.orderNo, o));
  refreshOrderProgress();
  const error = document.getElementById('ledger-error');
  error.hidden = !ledger.ledgerError;
  error.textContent = ledger.ledgerError || '';

  const orders = document.querySelector('#orders tbody');
  orders.replaceChildren(...ledger.orders.map(o => el('tr', {'data-order': o.orderNo},
    el('td', {}, o.orderNo), el('td', {}, text(o.description, '')), el('td', {}, text(o.sourceNo, '')),
    el('td', {class: 'status'}, o.status),
    el('td', {}, el('span', {class: 'progress', title: text(o.progressPct) + ' %'},
      el('span', {style: `width: ${Math.min(100, Number(o.progressPct || 0))}%`})), ' ', pct(o.progressPct)),
    el('td', {class: 'num'}, text(o.plannedQuantity)), el('td', {class: 'num output'}, text(o.outputQuantity)),
    el('td', {class: 'num scrap'}, text(o.scrapQuantity)), el('td', {}, text(o.lastOutputDate, '')),
    el('td', {}, el('a', {href: 'jobcard.html?order=' + encodeURIComponent(o.orderNo), target: '_blank'},
      'job card')))));

  const statistics = document.getElementById('statistics');
  const tables = Object.entries(ledger.finishedOrderStatistics).map(([orderNo, rows]) => {
    const order = ledger.orders.find(o => o.orderNo === orderNo);
    return el('table', {class: 'grid statistics', 'data-order': orderNo},
      el('caption', {}, `${orderNo} ${order && order.description ? '— ' + order.description : ''}`),
      el('thead', {}, el('tr', {}, el('th', {}, 'Cost'), ...STAT_COLUMNS.map(([, name]) =>
        el('th', {class: 'num'}, name)))),
      el('tbody', {}, ...rows.map(row => el('tr', {'data-bucket': row.costBucket,
          class: row.costBucket === 'TOTAL' ? 'total' : null},
        el('th', {}, BUCKET_NAMES[row.costBucket] || row.costBucket),
        ...STAT_COLUMNS.map(([field]) => el('td', {class: 'num', 'data-column': field}, text(row[field])))))));
  });
  statistics.replaceChildren(...(tables.length ? tables : [el('p', {class: 'empty'}, 'No finished order yet.')]));

  const entries = document.querySelector('#entries tbody');
  entries.replaceChildren(...ledger.latestEntries.map(e => el('tr', {'data-entry': e.ledger + '-' + e.entryNo},
    el('td', {}, e.ledger), el('td', {class: 'num'}, e.entryNo), el('td', {}, e.postingDate),
    el('td', {}, text(e.orderNo, '')), el('td', {}, text(e.entryType, '')), el('td', {}, text(e.no, '')),
    el('td', {}, text(e.operationNo, '')), el('td', {class: 'num'}, text(e.quantity)),
    el('td', {}, text(e.unitOfMeasure, '')), el('td', {class: 'num'}, text(e.costAmount, '')))));

  renderDeadLetters(ledger.deadLetters);
}

// Failure times as UTC text to the second ("2026-03-02 07:05:00").
function utc(value) {
  return value ? value.substring(0, 19).replace('T', ' ') : '';
}

function renderDeadLetters(deadLetters) {
  const summary = deadLetters || {total: 0, byReason: [], bySource: [], latest: []};
  document.getElementById('no-dead-letters').hidden = summary.total > 0;
  document.getElementById('dead-letter-total').textContent = summary.total > 0 ? `${summary.total} in all` : '';
  const counts = (id, rows, attribute) => document.querySelector(`#${id} tbody`).replaceChildren(
    ...rows.map(c => el('tr', {[attribute]: c.key},
      el('td', {}, text(c.key, '')), el('td', {class: 'num count'}, c.count), el('td', {}, utc(c.latestFailedAt)))));
  counts('dead-letters-by-reason', summary.byReason, 'data-reason');
  counts('dead-letters-by-source', summary.bySource, 'data-source');
  document.querySelector('#dead-letters tbody').replaceChildren(...summary.latest.map(d =>
    el('tr', {'data-dead-letter': d.id},
      el('td', {}, utc(d.failedAt)), el('td', {class: 'reason'}, d.reasonCode),
      el('td', {class: 'detail', title: d.reasonDetail}, d.reasonDetail),
      el('td', {class: 'source'}, text(d.source, '')),
      el('td', {}, d.sourceTopic), el('td', {}, d.stage))));
}

function connect() {
  const status = document.getElementById('connection');
  const source = new EventSource('events');
  source.onopen = () => { status.textContent = 'live'; status.className = 'connection online'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; status.className = 'connection offline'; };
  source.addEventListener('state', event => {
    const state = JSON.parse(event.data);
    machines.clear();
    document.getElementById('machines').replaceChildren();
    state.machines.forEach(renderMachine);
    if (state.machines.length === 0) {
      document.getElementById('machines').append(el('p', {class: 'empty'}, 'No machine has reported yet.'));
    }
    renderCharts(state.lines);
    renderLedger(state.ledger);
  });
  source.addEventListener('machine', event => renderMachine(JSON.parse(event.data)));
  source.addEventListener('lines', event => renderCharts(JSON.parse(event.data)));
  source.addEventListener('ledger', event => renderLedger(JSON.parse(event.data)));
}

connect();
