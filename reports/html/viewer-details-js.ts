/**
 * Fills the details panel for one event. Run data goes in through textContent only: event details are whatever
 * the server or a scenario wrote, so they are never trusted as markup.
 */
export const VIEWER_DETAILS_JS = `
const EVENT_FIELDS = ['seq', 'at', 'lane', 'type', 'op', 'user', 'sessionId', 'grantId', 'tokenHash', 'parent'];
function renderEventDetails(box, event) {
  box.textContent = ''; box.hidden = false;
  const head = document.createElement('b');
  head.textContent = '#' + event.seq + ' · ' + event.lane + ' · ' + event.type;
  box.appendChild(head);
  if (event.witnessOf.length) {
    const note = document.createElement('div'); note.className = 'witness-note';
    note.textContent = 'witness of ' + event.witnessOf.join(', ');
    box.appendChild(note);
  }
  const dl = document.createElement('dl');
  EVENT_FIELDS.forEach((key) => {
    if (event[key] === undefined) return;
    const dt = document.createElement('dt'); dt.textContent = key === 'at' ? 'at (ms)' : key;
    const dd = document.createElement('dd');
    dd.textContent = key === 'at' ? String(Math.round(event.at * 10) / 10) : String(event[key]);
    dl.append(dt, dd);
  });
  box.appendChild(dl);
  if (event.detail) {
    const pre = document.createElement('pre'); pre.textContent = JSON.stringify(event.detail, null, 2);
    box.appendChild(pre);
  }
}
`;
