import type { HistoryEvent } from '../../scenarios/result-types.js';

const ENDPOINTS: Record<string, string> = {
  token: 'the provider',
  device: 'the provider',
  revocation: 'the provider',
  introspection: 'the provider',
  userinfo: "the provider's userinfo endpoint",
  resource: 'the resource API',
  control: 'the simulator',
};

/** Who did it, as a person would say it: `window A (alice)`, `the server`, `the provider`, `the fault layer`. */
export function actorOf(event: HistoryEvent): string {
  const source = event.source;
  switch (source.kind) {
    case 'window':
      return `window ${source.window}${event.user ? ` (${event.user})` : ''}`;
    case 'server':
      return source.replica ? `server replica ${source.replica}` : 'the server';
    case 'sim':
      return ENDPOINTS[source.endpoint] ?? `the simulator's ${source.endpoint} endpoint`;
    case 'fault':
      return 'the fault layer';
    case 'runner':
      return 'the scenario';
  }
}
