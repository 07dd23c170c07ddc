import type { ScenarioResult } from '../../scenarios/result-types.js';
import { laneLabel } from '../lane-label.js';
import { escapeHtml as esc } from './escape-html.js';
import { jsonForScript } from './json-for-script.js';
import { GEOMETRY } from './timeline-geometry.js';
import { buildTimeline, type TimelineModel } from './timeline-model.js';
import { TIMELINE_LEGEND } from './timeline-legend.js';
import { timelineSvg } from './timeline-svg.js';
import { verdictList } from './verdict-list.js';
import { evidenceSections } from './evidence-sections.js';
import { labelHeadroom } from './event-labels.js';
import { formatMs } from '../format-ms.js';

/**
 * One scenario run: a <details> whose summary says what failed; the body holds the witness story, the timeline and
 * the replay. A failure starts open (`open`), so a person sees the story without a click.
 */
export function scenarioSection(scenario: ScenarioResult, index: number, open = false, known = false): string {
  const model = buildTimeline(scenario);
  const failing = scenario.verdicts.filter((v) => !v.holds && v.outcome !== 'inconclusive').map((v) => v.invariant);
  const flaws = scenario.flaws.length ? ` · flaw ${scenario.flaws.map(esc).join(', ')}` : '';
  return `<details class="scenario status-${scenario.status}" id="scenario-${index}" data-scenario="${index}"${open ? ' open' : ''}>
<summary><span class="badge ${scenario.status}">${scenario.status}</span>${known ? ' <span class="badge known" title="listed in the baseline: does not fail the run">known</span>' : ''} <b>${esc(scenario.id)}</b> — ${esc(scenario.title)}
<span class="muted">seed ${scenario.seed}${flaws} · ${formatMs(scenario.durationMs)}${failing.length ? ` · broke ${failing.map(esc).join(', ')}` : ''}</span></summary>
<div class="scenario-body">
${scenario.error ? `<p class="harness-error">Harness error (not a verdict): ${esc(scenario.error.message)}${(scenario.error.causes ?? []).map((c) => `<br>caused by ${esc(c)}`).join('')}</p>` : ''}
${scenario.reason ? `<p class="reason">${esc(scenario.status)}: ${esc(scenario.reason)}</p>` : ''}
${verdictList(scenario, model)}
<div class="replay"><span class="muted">replay</span> <code class="replay-command">${esc(scenario.replay)}</code> <button type="button" class="copy">copy</button></div>
<div class="timeline">
<div class="tl-controls"><input type="search" class="tl-filter" placeholder="filter lanes: window, user, session, endpoint" aria-label="filter lanes">
<label>zoom <input type="range" class="tl-zoom" min="2" max="48" value="${GEOMETRY.step}"></label>
<button type="button" class="tl-expand">expand all lanes</button><button type="button" class="tl-collapse">collapse big groups</button>
${model.events.some((e) => e.witnessOf.length) ? '<button type="button" class="tl-prev-witness" title="previous witness event (p)">◂ witness</button><button type="button" class="tl-next-witness" title="next witness event (n)">witness ▸</button>' : ''}
<span class="tl-count muted"></span></div>
${TIMELINE_LEGEND}
${timelineSvg(model, index)}
<div class="event-details" hidden></div>
<script type="application/json" class="tl-data">${jsonForScript(timelineData(model))}</script>
</div>
${evidenceSections(scenario)}
</div>
</details>`;
}

/** What the viewer script needs: lanes for collapse and filter, events (already token-free) for the details panel. */
function timelineData(model: TimelineModel) {
  return {
    top: labelHeadroom(model.events),
    lanes: model.lanes.map(({ group, label, witness, search }) => ({ group, label, witness, search })),
    events: model.events.map((e) => ({ ...e.event, lane: laneLabel(e.event.source), witnessOf: e.witnessOf })),
  };
}
