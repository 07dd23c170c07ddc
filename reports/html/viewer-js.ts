import { GEOMETRY } from './timeline-geometry.js';
import { VIEWER_COPY_JS } from './viewer-copy-js.js';
import { VIEWER_DETAILS_JS } from './viewer-details-js.js';

/**
 * The timeline viewer: collapse, filter, zoom, event details, copy. Plain ES2020 in a string so the report needs
 * nothing but a browser; it only ever writes run data through textContent, never as markup.
 */
export const VIEWER_JS = `(() => {
'use strict';
const G = ${JSON.stringify(GEOMETRY)};
const SVG = 'http://www.w3.org/2000/svg';
const GROUPS = ['runner', 'windows', 'server', 'sim', 'faults'];
const num = (el, name) => Number(el.getAttribute(name));
${VIEWER_DETAILS_JS}
${VIEWER_COPY_JS}

function setupTimeline(root) {
  const data = JSON.parse(root.querySelector('.tl-data').textContent);
  const q = (sel) => Array.from(root.querySelectorAll(sel));
  const parts = {
    events: q('.tl-events .ev'), arrows: q('.arrow'), spans: q('.span'), ticks: q('.tick'), labels: q('.ev-label'),
    laneLabels: q('.lane-label'), groupLabels: q('.group-label'),
    rows: root.querySelector('.tl-rows'), lanesSvg: root.querySelector('.tl-lanes'), labelsSvg: root.querySelector('.tl-labels'),
    filter: root.querySelector('.tl-filter'), zoom: root.querySelector('.tl-zoom'), count: root.querySelector('.tl-count'),
    details: root.querySelector('.event-details'), scroll: root.querySelector('.tl-scroll'),
  };
  const sizes = {};
  data.lanes.forEach((l) => { sizes[l.group] = (sizes[l.group] || 0) + 1; });
  const state = { step: G.step, filter: '', collapsed: {} };
  GROUPS.forEach((g) => { state.collapsed[g] = (sizes[g] || 0) > G.collapseOver; });

  function layout() {
    const query = state.filter.trim().toLowerCase();
    const laneRow = []; const groupRow = {}; let rows = 0; let shown = 0;
    GROUPS.forEach((g) => {
      const members = data.lanes.map((l, i) => ({ l, i })).filter((m) => m.l.group === g);
      if (members.length > 1) groupRow[g] = rows++;
      members.forEach(({ l, i }) => {
        if (query && !l.search.includes(query)) { laneRow[i] = -1; return; }
        const own = members.length === 1 || !state.collapsed[g] || l.witness || query;
        laneRow[i] = own ? rows++ : groupRow[g];
        if (own) shown++;
      });
    });
    const top = data.top || 0;
    const y = (row) => G.head + top + row * G.row + G.row / 2;
    const x = (i) => G.pad + i * state.step + state.step / 2;
    const height = G.head + top + rows * G.row + 8;
    parts.lanesSvg.setAttribute('width', String(G.pad * 2 + data.events.length * state.step));
    parts.lanesSvg.setAttribute('height', String(height));
    parts.labelsSvg.setAttribute('height', String(height));
    parts.rows.textContent = '';
    for (let r = 0; r < rows; r++) {
      const line = document.createElementNS(SVG, 'line');
      line.setAttribute('class', 'row-line');
      line.setAttribute('x1', '0'); line.setAttribute('x2', '100%');
      line.setAttribute('y1', String(y(r))); line.setAttribute('y2', String(y(r)));
      parts.rows.appendChild(line);
    }
    parts.groupLabels.forEach((el) => {
      const g = el.getAttribute('data-group');
      el.setAttribute('y', String(y(groupRow[g]) + 4));
      el.textContent = (state.collapsed[g] ? '▸ ' : '▾ ') + el.textContent.replace(/^[▸▾] /, '');
      el.setAttribute('aria-expanded', String(!state.collapsed[g]));
    });
    parts.laneLabels.forEach((el) => {
      const i = num(el, 'data-lane'); const row = laneRow[i];
      const own = row >= 0 && row !== groupRow[data.lanes[i].group];
      el.style.display = own ? '' : 'none';
      if (own) el.setAttribute('y', String(y(row) + 4));
    });
    parts.events.forEach((el) => {
      const row = laneRow[num(el, 'data-lane')];
      el.style.display = row < 0 ? 'none' : '';
      if (row >= 0) { el.setAttribute('cx', String(x(num(el, 'data-i')))); el.setAttribute('cy', String(y(row))); }
    });
    parts.labels.forEach((el) => {
      const row = laneRow[num(el, 'data-lane')];
      el.style.display = row < 0 ? 'none' : '';
      if (row < 0) return;
      const lx = x(num(el, 'data-i')) + 5; const ly = y(row) - 7;
      el.setAttribute('x', String(lx)); el.setAttribute('y', String(ly));
      el.setAttribute('transform', 'rotate(' + G.labelAngle + ' ' + lx + ' ' + ly + ')');
    });
    parts.arrows.forEach((el) => {
      const r1 = laneRow[laneIndex[num(el, 'data-i1')]]; const r2 = laneRow[laneIndex[num(el, 'data-i2')]];
      el.style.display = r1 < 0 || r2 < 0 ? 'none' : '';
      if (r1 < 0 || r2 < 0) return;
      const x1 = x(num(el, 'data-i1')); const x2 = x(num(el, 'data-i2'));
      el.setAttribute('d', 'M' + x1 + ' ' + y(r1) + ' Q' + (x1 + x2) / 2 + ' ' + (y(r1) - G.row * 0.6) + ' ' + x2 + ' ' + y(r2));
    });
    parts.spans.forEach((el) => {
      const i1 = num(el, 'data-i1'); const i2 = num(el, 'data-i2');
      el.setAttribute('x', String(x(i1) - state.step / 2));
      el.setAttribute('width', String((i2 - i1 + 1) * state.step));
      el.setAttribute('y', String(G.head + top - 4));
      el.setAttribute('height', String(rows * G.row + 4));
    });
    const every = 5 * Math.ceil(12 / state.step);
    parts.ticks.forEach((el) => {
      const i = num(el, 'data-i');
      el.style.display = i % every === 0 ? '' : 'none';
      el.setAttribute('x', String(x(i)));
    });
    parts.count.textContent = data.lanes.length + ' lanes, ' + shown + ' shown on their own row';
  }

  const laneIndex = {};
  parts.events.forEach((el) => { laneIndex[num(el, 'data-i')] = num(el, 'data-lane'); });

  function showDetails(i) {
    current = i;
    parts.events.forEach((el) => el.classList.toggle('selected', num(el, 'data-i') === i));
    renderEventDetails(parts.details, data.events[i]);
  }

  function reveal(i) {
    const el = parts.events.find((e) => num(e, 'data-i') === i);
    if (el && el.style.display === 'none') { state.filter = ''; parts.filter.value = ''; GROUPS.forEach((g) => { state.collapsed[g] = false; }); layout(); }
    showDetails(i);
    return el;
  }

  function select(i) {
    const el = reveal(i);
    if (el && el.scrollIntoView) el.scrollIntoView({ block: 'nearest', inline: 'center' });
  }

  // Only the timeline scrolls sideways to an event; the page stays where the reader is.
  function center(i) {
    parts.scroll.scrollLeft = Math.max(0, G.pad + i * state.step - parts.scroll.clientWidth / 2);
  }

  const witnesses = parts.events.filter((el) => el.classList.contains('witness')).map((el) => num(el, 'data-i')).sort((a, b) => a - b);
  let current = -1;
  function stepWitness(direction) {
    if (!witnesses.length) return;
    const next = direction > 0 ? witnesses.find((i) => i > current) : witnesses.slice().reverse().find((i) => i < current);
    const i = next === undefined ? (direction > 0 ? witnesses[0] : witnesses[witnesses.length - 1]) : next;
    const el = reveal(i); center(i);
    if (el && el.focus) el.focus({ preventScroll: true });
  }

  root.querySelector('.tl-events').addEventListener('click', (e) => {
    const el = e.target.closest('.ev'); if (el) showDetails(num(el, 'data-i'));
  });
  root.querySelector('.tl-events').addEventListener('focusin', (e) => {
    const el = e.target.closest('.ev'); if (el && num(el, 'data-i') !== current) { showDetails(num(el, 'data-i')); center(num(el, 'data-i')); }
  });
  // n / p (or the arrows on a focused witness dot) walk the witness events; typing in the filter is left alone.
  root.addEventListener('keydown', (e) => {
    if (e.target.closest('input') || e.altKey || e.ctrlKey || e.metaKey) return;
    const onDot = e.target.classList && e.target.classList.contains('ev');
    const dir = e.key === 'n' || e.key === 'j' || (onDot && e.key === 'ArrowRight') ? 1 : e.key === 'p' || e.key === 'k' || (onDot && e.key === 'ArrowLeft') ? -1 : 0;
    if (dir) { e.preventDefault(); stepWitness(dir); }
    else if (onDot && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); showDetails(num(e.target, 'data-i')); }
  });
  const next = root.querySelector('.tl-next-witness'); const prev = root.querySelector('.tl-prev-witness');
  if (next) next.addEventListener('click', () => stepWitness(1));
  if (prev) prev.addEventListener('click', () => stepWitness(-1));
  parts.groupLabels.forEach((el) => {
    const toggle = () => { const g = el.getAttribute('data-group'); state.collapsed[g] = !state.collapsed[g]; layout(); };
    el.addEventListener('click', toggle);
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
  });
  parts.filter.addEventListener('input', () => { state.filter = parts.filter.value; layout(); });
  parts.zoom.addEventListener('input', () => { parts.zoom.dataset.touched = '1'; state.step = Number(parts.zoom.value); layout(); });
  root.querySelector('.tl-expand').addEventListener('click', () => { GROUPS.forEach((g) => { state.collapsed[g] = false; }); layout(); });
  root.querySelector('.tl-collapse').addEventListener('click', () => { GROUPS.forEach((g) => { state.collapsed[g] = (sizes[g] || 0) > 1; }); layout(); });
  const scenario = root.closest('.scenario');
  // A short history drawn at the default step is a thumbnail; when the scenario opens, stretch it to the width.
  const fit = () => {
    const width = root.querySelector('.tl-scroll').clientWidth;
    if (!width || parts.zoom.dataset.touched) return;
    const step = Math.min(Number(parts.zoom.max), Math.floor((width - 2 * G.pad) / Math.max(1, data.events.length)));
    if (step > state.step) { state.step = step; parts.zoom.value = String(step); layout(); }
  };
  parts.zoom.addEventListener('change', () => { parts.zoom.dataset.touched = '1'; });
  if (scenario) scenario.addEventListener('toggle', () => { if (scenario.open) fit(); });
  (scenario || document).querySelectorAll('.witness-link').forEach((b) => b.addEventListener('click', () => select(num(b, 'data-i'))));
  layout();
  fit();
  // A failure opened at first sight shows its first witness event already selected, its details beside it.
  if (scenario && scenario.open && witnesses.length) { showDetails(witnesses[0]); center(witnesses[0]); }
}

/** With no #anchor to honour, the page opens on the first failing scenario's story. */
function scrollToFirstFailure() {
  if (location.hash) return;
  const first = document.querySelector('details.scenario[open]:not(.status-passed)');
  if (first && first.scrollIntoView) first.scrollIntoView({ block: 'start' });
}

document.querySelectorAll('.timeline').forEach(setupTimeline);
document.querySelectorAll('button.copy').forEach(setupCopy);
window.addEventListener('hashchange', openFromHash);
openFromHash();
scrollToFirstFailure();
})();`;
