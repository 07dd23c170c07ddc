import type { ScenarioResult } from '../../scenarios/result-types.js';
import { describeWitness } from '../describe-event.js';
import { storyLines } from '../story/story-lines.js';
import { storyOf } from '../story/witness-story.js';
import { escapeXml, escapeXmlAttribute as attr } from './escape-xml.js';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** A name unique per scenario run: the same scenario runs once per seed and per flaw in a matrix. */
export function testcaseName(s: ScenarioResult): string {
  const flaws = s.flaws.length > 0 ? `, flaw ${s.flaws.join('+')}` : '';
  return `${s.id} [seed ${s.seed}${flaws}]`;
}

/** `known`: every failure of this run is in the baseline; CI shows it skipped (an expected failure), story kept. */
export function junitTestcase(s: ScenarioResult, known = false): string {
  const open = `<testcase classname="${attr(`scenarios.${s.id}`)}" name="${attr(testcaseName(s))}" time="${seconds(s.durationMs)}"`;
  if (s.status === 'passed') return `    ${open}/>`;
  if (known) return knownTestcase(s, open);
  if (s.status === 'skipped') return [`    ${open}>`, `      <skipped message="${attr(s.reason ?? 'skipped')}"/>`, '    </testcase>'].join('\n');
  if (s.status === 'inconclusive') {
    const text = `inconclusive: ${s.reason ?? 'no evidence to judge'}\nreplay: ${s.replay}`;
    return [`    ${open}>`, `      <failure message="${attr(`inconclusive: ${s.reason ?? 'no evidence to judge'}`)}" type="inconclusive">${escapeXml(text)}</failure>`, '    </testcase>'].join('\n');
  }
  const body = s.status === 'error' ? errorElement(s) : failureElement(s);
  const out = `      <system-out>${escapeXml(`replay: ${s.replay}`)}</system-out>`;
  return [`    ${open}>`, body, out, '    </testcase>'].join('\n');
}

function failureElement(s: ScenarioResult): string {
  const failed = s.verdicts.filter((v) => !v.holds && v.outcome !== 'inconclusive');
  const first = failed[0];
  // The message is what most CI viewers show first: the invariant, why, and the story in one line.
  const story = first ? storyLines(storyOf(s, first)) : [];
  const more = failed.length > 1 ? ` (+${failed.length - 1} more invariant${failed.length > 2 ? 's' : ''})` : '';
  const message = first
    ? `${first.invariant}: ${first.message ?? 'violated'} — ${story.join(' ') || 'no witness events'}${more}`
    : 'failed without a failing invariant';
  const details = failed.flatMap((v) => [
    `${v.invariant}: ${v.message ?? 'violated'}`,
    ...storyLines(storyOf(s, v)).map((line) => `  ${line}`),
    ...(v.witness.length ? ['  witness events:', ...describeWitness(s.history, v.witness).map((line) => `    ${line}`)] : []),
  ]);
  const text = [...details, `replay: ${s.replay}`].join('\n');
  return `      <failure message="${attr(message)}" type="${attr(first?.invariant ?? 'failed')}">${escapeXml(text)}</failure>`;
}

function knownTestcase(s: ScenarioResult, open: string): string {
  const failed = s.verdicts.filter((v) => !v.holds);
  const message = `known failure (baseline): ${failed.map((v) => `${v.invariant}: ${v.message ?? 'violated'}`).join('; ')}`;
  const story = failed.flatMap((v) => [`${v.invariant}: ${v.message ?? 'violated'}`, ...storyLines(storyOf(s, v)).map((line) => `  ${line}`)]);
  return [
    `    ${open}>`,
    `      <skipped message="${attr(message)}"/>`,
    `      <system-out>${escapeXml([...story, `replay: ${s.replay}`].join('\n'))}</system-out>`,
    '    </testcase>',
  ].join('\n');
}

function errorElement(s: ScenarioResult): string {
  const message = [s.error?.message ?? 'harness error', ...(s.error?.causes ?? []).map((c) => `caused by ${c}`)].join('\n');
  return `      <error message="${attr(message)}" type="HarnessError">${escapeXml(`${message}\nreplay: ${s.replay}`)}</error>`;
}
