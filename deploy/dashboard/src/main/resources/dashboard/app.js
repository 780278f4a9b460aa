// The live dashboard: renders the state the server sends on /events (a full "state" first, then "machine" and
// "ledger" updates) without reloading the page.
'use strict';
const machines = new Map();
const BUCKET_NAMES = {
  MATERIAL: 'Material', CAPACITY: 'Capacity', SUBCONTRACTED: 'Subcontracted', CAPACITY_OVERHEAD: 'Capacity overhead',
  MANUFACTURING_OVERHEAD: 'Manufacturing overhead', TOTAL: 'Total'
};
const TOTALS_NOTE = 'parts of every KPI window still on the machine-kpis topic; OEE and ratios: latest window';
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
  const since = machine.stateSince ? new Date(machine.stateSince).toISOString().substring(11, 16) : '';
  const facts = el('dl', {class: 'facts'},
    el('dt', {title: TOTALS_NOTE}, 'Good'), el('dd', {class: 'good'}, text(machine.goodParts, '0')),
    el('dt', {title: TOTALS_NOTE}, 'Scrap'), el('dd', {class: 'scrap'}, text(machine.scrapParts, '0')),
    el('dt', {}, 'Availability'), el('dd', {}, pct(machine.availabilityPct)),
    el('dt', {}, 'Performance'), el('dd', {}, pct(machine.performancePct)),
    el('dt', {}, 'Quality'), el('dd', {}, pct(machine.qualityPct)),
    el('dt', {}, 'Order / op.'), el('dd', {class: 'operation'},
      machine.orderNo ? `${machine.orderNo} / ${text(machine.operationNo)}` : '–'));
  if (machine.stopCode) facts.append(el('dt', {}, 'Stop code'), el('dd', {class: 'stop-code'}, machine.stopCode));
  const spark = document.createElementNS(SVG_NS, 'svg');
  tile.replaceChildren(
    el('h3', {}, machine.machineId, el('span', {class: 'state', title: 'since ' + since}, machine.state)),
    el('div', {class: 'oee'}, pct(machine.oeePct), ' ', el('small', {}, 'OEE')),
    facts, spark);
  sparkline(spark, machine.history.map(p => p.goodParts), '#2e7d32');
  if (!fresh) {
    tile.classList.add('flash');
    setTimeout(() => tile.classList.remove('flash'), 1000);
  }
}

function pct(value) {
  return value === null || value === undefined ? '–' : value + ' %';
}

function renderCharts() {
  const list = [...machines.values()].sort((a, b) => a.machineId.localeCompare(b.machineId));
  lineChart(document.getElementById('output-chart'), list.map(m => {
    let total = 0; // cumulative good parts over the kept windows: a rising line reads as output over time
    return {name: m.machineId, points: m.history.map(p => ({x: Date.parse(p.windowEnd), y: total += p.goodParts}))};
  }));
  lineChart(document.getElementById('oee-chart'), list.map(m => ({
    name: m.machineId, points: m.history.filter(p => p.oeePct !== null)
      .map(p => ({x: Date.parse(p.windowEnd), y: Number(p.oeePct)}))
  })), {yMin: 0, yMax: 100, yUnit: '%'});
}

// A burst of machine events redraws the charts once.
let chartsScheduled = false;
function scheduleCharts() {
  if (chartsScheduled) return;
  chartsScheduled = true;
  setTimeout(() => { chartsScheduled = false; renderCharts(); }, 150);
}

function renderLedger(ledger) {
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
    renderCharts();
    renderLedger(state.ledger);
  });
  source.addEventListener('machine', event => {
    renderMachine(JSON.parse(event.data));
    scheduleCharts();
  });
  source.addEventListener('ledger', event => renderLedger(JSON.parse(event.data)));
}

connect();
