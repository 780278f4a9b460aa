// The operator terminal's page: log in, fill in a journal form, preview it (the posting rules' dry run), post it
// with the form's token (a second click posts nothing more), then watch the entries arrive in the ledger.
'use strict';

const state = {session: null, orders: [], stops: [], formToken: null, previewOk: false, pollTimer: null};
const $ = (selector) => document.querySelector(selector);

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) element.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

async function api(method, path, body) {
  const headers = {};
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (state.session) headers['X-CSRF-Token'] = state.session.csrfToken;
  }
  const response = await fetch(path, {method, headers, credentials: 'same-origin',
    body: method === 'POST' ? JSON.stringify(body || {}) : undefined});
  const json = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== '/api/login' && path !== '/api/session') {
    showLogin(json.message || 'log in again');
  }
  return {status: response.status, body: json};
}

// What one posting entered: cleared after its Post and at log-out, so the next person or form starts empty.
const AMOUNT_FIELDS = ['outputQuantity', 'scrapQuantity', 'scrapCode', 'setupTime', 'runTime', 'stopTime', 'stopCode',
  'quantity', 'no', 'documentNo', 'appliesToEntry', 'appliesFromEntry', 'postingDate',
  'reasons.1.stopCode', 'reasons.1.stopTime', 'reasons.2.stopCode', 'reasons.2.stopTime',
  'reasons.3.stopCode', 'reasons.3.stopTime'];

function clearAmounts() {
  const form = $('#journal-form');
  for (const name of AMOUNT_FIELDS) {
    if (form.elements[name]) form.elements[name].value = '';
  }
  form.elements.finished.checked = false;
}

function showLogin(message) {
  clearTimeout(state.pollTimer);
  clearAmounts();
  clearErrors();
  fillTable('#preview', []);
  fillTable('#posted', []);
  $('#posted-status').textContent = '';
  state.session = null;
  // The next login must not see (or pick from) this user's orders while its own are loading.
  state.orders = [];
  fillOrders();
  $('#login-view').hidden = false;
  $('#journal-view').hidden = true;
  $('#stops-view').hidden = true;
  $('#logout-button').hidden = true;
  $('#whoami').textContent = '';
  $('#login-error').textContent = message || '';
  putAwayLoggedOut();
}

async function loggedIn(session) {
  state.session = session;
  $('#login-view').hidden = true;
  $('#journal-view').hidden = false;
  $('#stops-view').hidden = session.role === 'COST_CONTROLLER';
  $('#logout-button').hidden = false;
  $('#whoami').textContent = session.user + ' · ' + session.role.toLowerCase().replace('_', ' ')
    + (session.workCenterNo ? ' · ' + session.workCenterNo : '');
  document.body.dataset.role = session.role;
  for (const element of document.querySelectorAll('.supervisor-only')) {
    element.hidden = session.role !== 'SUPERVISOR';
  }
  $('#preview-button').disabled = session.role === 'COST_CONTROLLER';
  const orders = await api('GET', '/api/orders');
  state.orders = orders.status === 200 ? orders.body : [];
  fillOrders();
  loadStops();
  await newForm();
  await putAwayLoggedIn(session);
}

function fillOrders() {
  const select = $('#order');
  select.replaceChildren(...state.orders.map(o => el('option', {value: o.no}, o.no + ' ' + (o.description || ''))));
  orderChanged();
}

function currentOrder() {
  return state.orders.find(o => o.no === $('#order').value);
}

function orderChanged() {
  const order = currentOrder();
  $('#line').replaceChildren(...(order ? order.lines : []).map(l =>
    el('option', {value: l.lineNo}, l.lineNo + ' ' + l.itemNo + ' (' + l.quantity + ' ' + l.unitOfMeasureCode + ')')));
  $('#operation').replaceChildren(...(order ? order.operations : []).map(op =>
    el('option', {value: op.operationNo, disabled: op.mayPost ? null : 'disabled'},
      op.operationNo + ' ' + op.description + ' (' + op.workCenterNo + ')')));
  const firstOwn = order && order.operations.find(op => op.mayPost);
  if (firstOwn) $('#operation').value = firstOwn.operationNo;
  $('#component').replaceChildren(...(order ? order.components : []).map(c =>
    el('option', {value: c.lineNo}, c.lineNo + ' ' + c.itemNo + ' ' + c.description)));
  loadAppliesTo();
  loadAppliesFrom();
  formChanged();
}

// A return (negative consumption) takes back material at the cost of the consumption entry it applies to.
async function loadAppliesFrom() {
  const select = $('#applies-from');
  const order = currentOrder();
  const options = [el('option', {value: ''}, '—')];
  if (order && state.session && state.session.role !== 'COST_CONTROLLER') {
    const entries = await api('GET', '/api/consumption-entries?order=' + encodeURIComponent(order.no)
      + '&line=' + encodeURIComponent($('#line').value));
    const component = $('#component').value;
    for (const entry of entries.status === 200 ? entries.body : []) {
      if (String(entry.component_line_no) !== component) continue;
      options.push(el('option', {value: entry.entry_no}, 'entry ' + entry.entry_no + ', ' + entry.posting_date
        + ', consumed ' + trim(entry.consumed_quantity) + ' ' + (entry.unit_of_measure_code || '')));
    }
  }
  select.replaceChildren(...options);
}

async function loadAppliesTo() {
  const select = $('#applies-to');
  const order = currentOrder();
  const options = [el('option', {value: ''}, '—')];
  if (order && state.session && state.session.role === 'SUPERVISOR') {
    const open = await api('GET', '/api/open-output-entries?order=' + encodeURIComponent(order.no)
      + '&line=' + encodeURIComponent($('#line').value));
    for (const entry of open.status === 200 ? open.body : []) {
      options.push(el('option', {value: entry.entryNo},
        'entry ' + entry.entryNo + ', open ' + trim(entry.remainingQuantity)));
    }
  }
  select.replaceChildren(...options);
}

function kindChanged() {
  const kind = $('#kind').value;
  for (const row of document.querySelectorAll('[class*="kind-"]')) {
    row.hidden = !row.classList.contains('kind-' + kind);
  }
  // A capacity line and a stop's reasons name no order line (a stop names its own order, if any).
  document.querySelector('.order-field').hidden = kind === 'CAPACITY' || kind === 'RECODE';
  document.querySelector('.line-field').hidden = kind === 'CAPACITY' || kind === 'FINISH' || kind === 'RECODE';
  formChanged();
}

function formValues() {
  const values = {};
  const kind = $('#kind').value;
  const reasons = [];
  for (const field of $('#journal-form').elements) {
    if (!field.name || field.closest('[hidden]')) continue;
    const reason = /^reasons\.(\d)\.(stopCode|stopTime)$/.exec(field.name);
    if (reason) {
      const index = Number(reason[1]) - 1;
      reasons[index] = reasons[index] || {};
      if (field.value !== '') reasons[index][reason[2]] = field.value;
    } else if (field.type === 'checkbox') values[field.name] = field.checked;
    else if (field.value !== '' && field.name !== 'stop') values[field.name] = field.value;
  }
  values.kind = kind;
  if (kind === 'RECODE') {
    // Reason rows left empty are no reasons; the first one always counts (the server says it is missing).
    values.reasons = reasons.filter((r, i) => i === 0 || r.stopCode || r.stopTime).map(r => r || {});
  }
  return values;
}

function stopChanged() {
  const stop = state.stops[Number($('#stop').value)];
  const form = $('#journal-form');
  form.elements.stopKey.value = stop ? stop.stop_key : '';
  form.elements.stopEntryNo.value = stop ? stop.stop_entry_no : '';
  formChanged();
}

function formChanged() {
  state.previewOk = false;
  $('#post-button').disabled = true;
}

function clearErrors() {
  for (const message of document.querySelectorAll('.field-error')) message.remove();
  for (const field of document.querySelectorAll('.invalid')) field.classList.remove('invalid');
  $('#form-error').textContent = '';
  $('#refusal').hidden = true;
}

function showErrors(body) {
  $('#form-error').textContent = body.message || body.error || 'not accepted';
  for (const [name, message] of Object.entries(body.fields || {})) {
    // The chosen stop travels as two hidden fields: their message goes next to the stop's list.
    const field = $('#journal-form').elements[name === 'stopKey' || name === 'stopEntryNo' ? 'stop' : name];
    if (!field || !field.closest('label')) continue;
    field.classList.add('invalid');
    field.closest('label').append(el('span', {class: 'field-error', 'data-field': name}, message));
  }
}

function trim(number) {
  if (number === null || number === undefined || number === '') return '';
  const text = String(number);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

// One row per entry, the same text from a preview (the rules' records) and from the ledger (the store's columns):
// ledger, entry no., key, type (an operation for capacity entries), quantity, amount (actual / expected), code.
function row(ledger, no, key, type, quantity, amount, code) {
  return [ledger, no, key, type, quantity, amount, code || ''];
}

function capacityQuantity(output, scrap, stop) {
  if (trim(stop) !== '' && trim(stop) !== '0' && trim(output) === '0' && trim(scrap) === '0') {
    return trim(stop) + ' stop';
  }
  return trim(scrap) !== '0' ? trim(scrap) + ' scrap' : trim(output);
}

function appliesTo(entryNo) {
  return entryNo ? 'applies to ' + entryNo : '';
}

function previewRows(p) {
  return [
    ...(p.itemLedgerEntries || []).map(e => row('ILE', e.entryNo, e.idempotencyKey, e.entryType,
      trim(e.quantity), '', appliesTo(e.appliesToEntry))),
    ...(p.capacityLedgerEntries || []).map(e => row('CLE', e.entryNo, e.idempotencyKey, e.operationNo,
      capacityQuantity(e.outputQuantity, e.scrapQuantity, e.stopTime), '',
      [e.scrapCode || e.stopCode, appliesTo(e.appliesToEntryNo)].filter(Boolean).join(' '))),
    ...(p.valueEntries || []).map(e => row('VE', e.entryNo, e.idempotencyKey, e.entryType, '',
      trim(e.costAmountActual) + ' / ' + trim(e.costAmountExpected), '')),
    // Warehouse entries (Bin Mandatory locations): the bin shows where the output went.
    ...(p.otherEntries || []).filter(e => e.entryNo && 'binCode' in e).map(e => row('WE', e.entryNo,
      e.idempotencyKey, e.entryType, trim(e.qtyBase), '', e.locationCode + ' ' + e.binCode))];
}

function postedRows(p) {
  return [
    ...(p.itemLedgerEntries || []).map(e => row('ILE', e.entry_no, e.idempotency_key, e.entry_type,
      trim(e.quantity), '', appliesTo(e.applies_to_entry))),
    ...(p.capacityLedgerEntries || []).map(e => row('CLE', e.entry_no, e.idempotency_key, e.operation_no,
      capacityQuantity(e.output_quantity, e.scrap_quantity, e.stop_time), '',
      [e.scrap_code || e.stop_code, appliesTo(e.applies_to_entry)].filter(Boolean).join(' '))),
    ...(p.valueEntries || []).map(e => row('VE', e.entry_no, e.idempotency_key, e.entry_type, '',
      trim(e.cost_amount_actual) + ' / ' + trim(e.cost_amount_expected), '')),
    ...(p.warehouseEntries || []).map(e => row('WE', e.entry_no, e.idempotency_key, e.entry_type,
      trim(e.qty_base), '', e.location_code + ' ' + e.bin_code))];
}

// A refusal one field can put right (a bin) is also said next to that field.
function markRefusedField(form, preview) {
  const field = preview.refused && preview.field ? form.elements[preview.field] : null;
  if (!field || !field.closest('label')) return;
  field.classList.add('invalid');
  field.closest('label').append(el('span', {class: 'field-error', 'data-field': preview.field}, preview.reason));
}

function fillTable(table, rows) {
  $(table + ' tbody').replaceChildren(...rows.map(cells =>
    el('tr', null, ...cells.map((cell, i) => el('td', {class: i === 4 || i === 5 ? 'num' : null}, cell ?? '')))));
}

async function preview() {
  clearErrors();
  fillTable('#posted', []);
  $('#posted-status').textContent = '';
  const response = await api('POST', '/api/preview', formValues());
  if (response.status !== 200) {
    fillTable('#preview', []);
    showErrors(response.body);
    return;
  }
  showPreview(response.body);
}

function showPreview(preview) {
  if (preview.refused) {
    fillTable('#preview', []);
    $('#refusal').textContent = preview.reason;
    $('#refusal').dataset.reason = preview.reasonCode;
    $('#refusal').hidden = false;
    markRefusedField($('#journal-form'), preview);
    state.previewOk = false;
  } else {
    fillTable('#preview', previewRows(preview));
    state.previewOk = true;
  }
  $('#post-button').disabled = !state.previewOk;
}

async function post() {
  if (!state.previewOk) return;
  clearErrors();
  const values = formValues();
  values.formToken = state.formToken;
  const response = await api('POST', '/api/post', values);
  if (response.status !== 200) {
    showErrors(response.body);
    if (response.body.preview) showPreview(response.body.preview);
    return;
  }
  $('#post-button').disabled = true;
  if (response.body.preview) fillTable('#preview', previewRows(response.body.preview));
  $('#posted-status').textContent = response.body.alreadyPosted ? '(posted before)' : '(waiting for the ledger…)';
  watchLedger(response.body.sourceId, response.body.preview);
  if (!response.body.alreadyPosted) {
    clearAmounts();
    loadAppliesTo();
    loadAppliesFrom();
    loadStops();
  }
  await newForm();
}

function watchLedger(sourceId, preview) {
  clearTimeout(state.pollTimer);
  const expected = preview ? previewRows(preview).length : 1;
  const poll = async () => {
    const response = await api('GET', '/api/posted?sourceId=' + encodeURIComponent(sourceId));
    if (response.status === 200) {
      const rows = postedRows(response.body);
      if ((response.body.deadLetters || []).length > 0) {
        const letter = response.body.deadLetters[0];
        $('#posted-status').textContent = '(refused by the posting job: ' + letter.reason_code + ')';
        return;
      }
      if (rows.length >= expected) {
        fillTable('#posted', rows);
        $('#posted-status').textContent = '(' + rows.length + ' entries)';
        $('#posted').dataset.sourceId = sourceId;
        loadStops(); // a re-coded stop has its reason now; a posted stop may need one
        loadAppliesFrom();
        return;
      }
    }
    state.pollTimer = setTimeout(poll, 1000);
  };
  poll();
}

async function newForm() {
  if (!state.session || state.session.role === 'COST_CONTROLLER') return;
  const form = await api('POST', '/api/forms');
  state.formToken = form.status === 200 ? form.body.formToken : null;
}

async function loadStops() {
  if (!state.session || state.session.role === 'COST_CONTROLLER') return;
  const stops = await api('GET', '/api/stops');
  state.stops = stops.status === 200 ? stops.body : [];
  fillTable('#stops', state.stops.map(s =>
    [s.posting_date, s.order_no, s.operation_no, s.work_center_no, s.stop_key + ' ' + s.stop_entry_no,
      trim(s.stop_time)]));
  const chosen = $('#stop').value;
  $('#stop').replaceChildren(...state.stops.map((s, i) => el('option', {value: i},
    s.posting_date + ' ' + (s.order_no ? s.order_no + ' op ' + s.operation_no : s.no) + ', '
      + trim(s.stop_time) + ' ' + (s.cap_unit_of_measure_code || 'center unit') + ' (entry ' + s.stop_entry_no
      + ' of ' + s.stop_key + ')')));
  if (chosen && Number(chosen) < state.stops.length) $('#stop').value = chosen;
  stopChanged();
}

document.addEventListener('DOMContentLoaded', async () => {
  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await api('POST', '/api/login', {user: $('#login-user').value,
      password: $('#login-password').value});
    $('#login-password').value = '';
    if (response.status === 200) loggedIn(response.body);
    else $('#login-error').textContent = response.body.message || 'login failed';
  });
  $('#logout-button').addEventListener('click', async () => {
    await api('POST', '/api/logout');
    showLogin('');
  });
  $('#kind').addEventListener('change', kindChanged);
  $('#order').addEventListener('change', orderChanged);
  $('#line').addEventListener('change', () => { loadAppliesTo(); loadAppliesFrom(); formChanged(); });
  $('#component').addEventListener('change', () => { loadAppliesFrom(); formChanged(); });
  $('#stop').addEventListener('change', stopChanged);
  $('#journal-form').addEventListener('input', formChanged);
  $('#preview-button').addEventListener('click', preview);
  $('#post-button').addEventListener('click', post);
  kindChanged();
  const session = await api('GET', '/api/session');
  if (session.status === 200) loggedIn(session.body);
  else showLogin('');
});
