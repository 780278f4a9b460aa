// A printable job card (BC report "Prod. Order - Job Card"): one block per operation with what the machines
// already reported filled in and empty rows for handwriting.
'use strict';

function text(value) {
  return value === null || value === undefined ? '' : String(value);
}

// A labelled value; the value's class lets tests and print styles find it.
function fact(label, className, value, suffix) {
  return el('span', {}, el('b', {}, label), el('span', {class: className}, value), suffix);
}

function dateTime(value) {
  return value.substring(0, 16).replace('T', ' ');
}

function componentTable(components) {
  return el('table', {class: 'components'},
    el('thead', {}, el('tr', {}, el('th', {}, 'Line'), el('th', {}, 'Item'), el('th', {}, 'Description'),
      el('th', {class: 'num'}, 'Expected qty'), el('th', {}, 'Unit'), el('th', {}, 'Flushing'),
      el('th', {class: 'num'}, 'Consumed (base)'))),
    el('tbody', {}, ...components.map(c => el('tr', {'data-item': c.itemNo},
      el('td', {}, c.lineNo), el('td', {}, c.itemNo), el('td', {}, text(c.description)),
      el('td', {class: 'num'}, text(c.expectedQuantity)), el('td', {}, text(c.unitOfMeasure)),
      el('td', {}, c.flushingMethod), el('td', {class: 'num consumed'}, text(c.consumedQuantityBase))))));
}

function render(card) {
  document.title = 'Job card ' + card.orderNo;
  const operations = card.operations.map(op => {
    const reported = op.reported;
    const reportedRow = el('tr', {class: 'reported'},
      el('td', {class: 'num output'}, text(reported.outputQuantity)),
      el('td', {class: 'num scrap'}, text(reported.scrapQuantity)),
      el('td', {class: 'date'}, text(reported.lastPostingDate)),
      el('td', {class: 'by'}, text(reported.by)));
    const blankRows = [1, 2].map(() => el('tr', {}, ...[1, 2, 3, 4].map(() => el('td', {class: 'blank'}))));
    return el('section', {class: 'operation', 'data-operation': op.operationNo},
      el('h2', {}, `Operation ${op.operationNo} — ${op.type === 'MACHINE_CENTER' ? 'machine center' : 'work center'}`
        + ` ${op.no} ${op.centerName && op.centerName !== op.no ? '(' + op.centerName + ')' : ''}`,
        el('span', {}, `Routing ${op.routingNo} · `, el('span', {class: 'routing-status'}, op.routingStatus))),
      el('div', {class: 'times'},
        fact('Setup time: ', 'setup', `${op.expectedSetupTime} ${op.setupTimeUnit}`),
        fact('Run time: ', 'run', `${op.expectedRunTime} ${op.runTimeUnit}`, ` for ${op.operationQuantity}`),
        fact('Time needed: ', 'needed', `${op.timeNeeded} ${op.timeNeededUnit}`),
        op.routingLinkCode ? fact('Routing link: ', 'link', op.routingLinkCode) : null,
        op.type === 'MACHINE_CENTER' ? fact('Work center: ', 'work-center', op.workCenterNo) : null,
        op.startingDateTime ? fact('Start: ', 'start', dateTime(op.startingDateTime)) : null,
        op.endingDateTime ? fact('End: ', 'end', dateTime(op.endingDateTime)) : null),
      reported.setupTime !== null || reported.runTime !== null ? el('div', {class: 'times reported-times'},
        // The capacity ledger's times are in the work center's capacity unit, as the time needed.
        fact('Reported setup: ', 'reported-setup', `${text(reported.setupTime)} ${op.timeNeededUnit}`),
        fact('Reported run: ', 'reported-run', `${text(reported.runTime)} ${op.timeNeededUnit}`)) : null,
      el('table', {class: 'reporting'},
        el('thead', {}, el('tr', {}, el('th', {class: 'num'}, 'Output'), el('th', {class: 'num'}, 'Scrap'),
          el('th', {}, 'Date'), el('th', {}, 'By'))),
        el('tbody', {}, reportedRow, ...blankRows)),
      el('h3', {}, 'Material requirements'),
      op.components.length ? componentTable(op.components) : el('p', {}, 'none linked to this operation'));
  });
  const unlinked = card.unlinkedComponents.length ? el('section', {class: 'operation unlinked'},
    el('h2', {}, 'Components not linked to an operation'), componentTable(card.unlinkedComponents)) : null;
  document.getElementById('card').replaceChildren(
    el('h1', {}, `Job card ${card.orderNo}`),
    el('dl', {class: 'header'},
      el('dt', {}, 'Description'), el('dd', {}, card.description),
      el('dt', {title: 'as the ledger has it'}, 'Status'), el('dd', {class: 'status'}, card.status),
      el('dt', {}, 'Item'), el('dd', {}, card.sourceNo),
      el('dt', {}, 'Quantity'), el('dd', {}, card.quantity),
      el('dt', {}, 'Due date'), el('dd', {}, text(card.dueDate)),
      el('dt', {}, 'Printed'), el('dd', {}, new Date().toISOString().substring(0, 16).replace('T', ' '))),
    ...operations, unlinked || '');
}

const order = new URLSearchParams(location.search).get('order') || '';
fetch('api/jobcard?order=' + encodeURIComponent(order))
  .then(response => response.json().then(body => ({ok: response.ok, body})))
  .then(({ok, body}) => {
    if (!ok) throw new Error(body.error || 'cannot load the job card');
    render(body);
  })
  .catch(error => document.getElementById('card').replaceChildren(el('p', {class: 'error'}, String(error))));
