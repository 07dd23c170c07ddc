import { UsageError } from '../usage-error.js';
import { resourceCatalogue } from './catalog/index.js';

/** The resource-server scenarios a command's ids name (all when none); a UsageError lists the valid ids otherwise. */
export function selectResourceScenarios(ids: string[]): typeof resourceCatalogue {
  const unknownIds = ids.filter((id) => !resourceCatalogue.some((s) => s.id === id));
  if (unknownIds.length) throw new UsageError(`unknown resource-server scenario '${unknownIds[0]}'; valid: ${resourceCatalogue.map((s) => s.id).join(', ')}`);
  return ids.length ? resourceCatalogue.filter((s) => ids.includes(s.id)) : resourceCatalogue;
}
