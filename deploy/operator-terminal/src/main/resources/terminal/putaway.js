// The put-away section (docs/warehouse.md#completing-an-inventory-put-away): the open put-away requests of a
// location, one completed with quantity and bin, previewed (the rules' dry run), posted with its form's token, then
// watched until its entries are in the ledger. Uses terminal.js's helpers ($, el, api, fillTable, row, trim, ...).
'use strict';

const putAwayState = {formToken: null, previewOk: false, pollTimer: null};
const PUT_AWAY_ROLES = ['WAREHOUSE_WORKER', 'SUPERVISOR'];

async function putAwayLoggedIn(session) {
  const mayPutAway = PUT_AWAY_ROLES.includes(session.role);
  $('#put-away-view').hidden = !mayPutAway;
  if (session.role === 'WAREHOUSE_WORKER') {
    // Put-aways only: the production journal and the stops are not a warehouse worker's.
    $('#journal-view').hidden = true;
    $('#stops-view').hidden = true;
  }
  if (!mayPutAway) return;
  await loadPutAwayRequests();
  await newPutAwayForm();
}

function putAwayLoggedOut() {
  clearTimeout(putAwayState.pollTimer);
  $('#put-away-view').hidden = true;
  $('#put-away-form').reset();
  clearPutAwayErrors();
  for (const table of ['#put-away-requests', '#put-away-preview', '#put-away-posted']) fillTable(table, []);
  $('#put-away-posted-status').textContent = '';
  putAwayState.previewOk = false;
  $('#put-away-post-button').disabled = true;
}

async function loadPutAwayRequests() {
  const location = $('#put-away-location').value.trim();
  const response = await api('GET', '/api/put-aways' + (location ? '?location=' + encodeURIComponent(location) : ''));
  const requests = response.status === 200 ? response.body : [];
  $('#put-away-requests tbody').replaceChildren(...requests.map(r => {
    const choose = el('button', {type: 'button', class: 'choose', 'data-order': r.orderNo,
      'data-line': r.orderLineNo}, 'Choose');
    choose.addEventListener('click', () => choosePutAway(r));
    return el('tr', null, el('td', null, r.orderNo), el('td', null, r.orderLineNo), el('td', null, r.itemNo),
      el('td', null, r.locationCode), el('td', null, r.binCode || (r.binMandatory ? '(enter a bin)' : '')),
      el('td', {class: 'num'}, trim(r.outstandingQuantity) + ' ' + r.unitOfMeasureCode), el('td', null, choose));
  }));
}

function choosePutAway(request) {
  const form = $('#put-away-form');
  form.elements.orderNo.value = request.orderNo;
  form.elements.orderLineNo.value = request.orderLineNo;
  form.elements.quantity.value = trim(request.outstandingQuantity);
  form.elements.binCode.value = request.binCode || '';
  putAwayChanged();
}

function putAwayValues() {
  const values = {};
  for (const field of $('#put-away-form').elements) {
    if (field.name && field.value !== '') values[field.name] = field.value;
  }
  return values;
}

function putAwayChanged() {
  putAwayState.previewOk = false;
  $('#put-away-post-button').disabled = true;
}

function clearPutAwayErrors() {
  for (const message of document.querySelectorAll('#put-away-form .field-error')) message.remove();
  for (const field of document.querySelectorAll('#put-away-form .invalid')) field.classList.remove('invalid');
  $('#put-away-error').textContent = '';
  $('#put-away-refusal').hidden = true;
}

function showPutAwayErrors(body) {
  $('#put-away-error').textContent = body.message || body.error || 'not accepted';
  for (const [name, message] of Object.entries(body.fields || {})) {
    const field = $('#put-away-form').elements[name];
    if (!field) continue;
    field.classList.add('invalid');
    field.closest('label').append(el('span', {class: 'field-error', 'data-field': name}, message));
  }
}

function showPutAwayPreview(preview) {
  if (preview.refused) {
    fillTable('#put-away-preview', []);
    $('#put-away-refusal').textContent = preview.reason;
    $('#put-away-refusal').dataset.reason = preview.reasonCode;
    $('#put-away-refusal').hidden = false;
    markRefusedField($('#put-away-form'), preview);
    putAwayState.previewOk = false;
  } else {
    fillTable('#put-away-preview', previewRows(preview));
    putAwayState.previewOk = true;
  }
  $('#put-away-post-button').disabled = !putAwayState.previewOk;
}

async function previewPutAway() {
  clearPutAwayErrors();
  fillTable('#put-away-posted', []);
  $('#put-away-posted-status').textContent = '';
  const response = await api('POST', '/api/put-away/preview', putAwayValues());
  if (response.status !== 200) {
    fillTable('#put-away-preview', []);
    showPutAwayErrors(response.body);
    return;
  }
  showPutAwayPreview(response.body);
}

async function postPutAway() {
  if (!putAwayState.previewOk) return;
  clearPutAwayErrors();
  const values = putAwayValues();
  values.formToken = putAwayState.formToken;
  const response = await api('POST', '/api/put-away/post', values);
  if (response.status !== 200) {
    showPutAwayErrors(response.body);
    if (response.body.preview) showPutAwayPreview(response.body.preview);
    return;
  }
  $('#put-away-post-button').disabled = true;
  if (response.body.preview) fillTable('#put-away-preview', previewRows(response.body.preview));
  $('#put-away-posted-status').textContent = response.body.alreadyPosted ? '(posted before)'
    : '(waiting for the ledger…)';
  watchPutAway(response.body.sourceId, response.body.preview);
  if (!response.body.alreadyPosted) $('#put-away-form').reset();
  await newPutAwayForm();
}

function watchPutAway(sourceId, preview) {
  clearTimeout(putAwayState.pollTimer);
  const expected = preview ? previewRows(preview).length : 1;
  const poll = async () => {
    const response = await api('GET', '/api/posted?sourceId=' + encodeURIComponent(sourceId));
    if (response.status === 200) {
      const rows = postedRows(response.body);
      const refusals = (response.body.deadLetters || []).filter(l => l.reason_code !== 'DUPLICATE_INPUT');
      if (refusals.length > 0) {
        $('#put-away-posted-status').textContent = '(refused by the posting job: ' + refusals[0].reason_code + ')';
        return;
      }
      if (rows.length >= expected) {
        fillTable('#put-away-posted', rows);
        $('#put-away-posted-status').textContent = '(' + rows.length + ' entries)';
        $('#put-away-posted').dataset.sourceId = sourceId;
        loadPutAwayRequests();
        return;
      }
    }
    putAwayState.pollTimer = setTimeout(poll, 1000);
  };
  poll();
}

async function newPutAwayForm() {
  const form = await api('POST', '/api/forms');
  putAwayState.formToken = form.status === 200 ? form.body.formToken : null;
}

document.addEventListener('DOMContentLoaded', () => {
  $('#put-away-refresh').addEventListener('click', loadPutAwayRequests);
  $('#put-away-form').addEventListener('input', putAwayChanged);
  $('#put-away-preview-button').addEventListener('click', previewPutAway);
  $('#put-away-post-button').addEventListener('click', postPutAway);
});
