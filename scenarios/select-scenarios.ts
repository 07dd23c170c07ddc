import { catalogue } from './catalog/index.js';
import type { ScenarioDefinition } from './define-scenario.js';
import { UsageError } from './usage-error.js';

/** Scenarios by id (all when none given); unknown ids are a usage error that lists the known ones. */
export function selectScenarios(ids: string[]): ScenarioDefinition[] {
  if (ids.length === 0) return catalogue;
  const byId = new Map(catalogue.map((s) => [s.id, s]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw new UsageError(`unknown scenario ${unknown.map((u) => `'${u}'`).join(', ')}; known: ${[...byId.keys()].join(', ')}`);
  return ids.map((id) => byId.get(id)!);
}
