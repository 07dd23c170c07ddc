import type { EventSource } from '../scenarios/result-types.js';

/** The name of the swimlane an event belongs to, as a user would say it: a window's name, an endpoint, "faults". */
export function laneLabel(source: EventSource): string {
  switch (source.kind) {
    case 'window':
      return source.window;
    case 'server':
      return source.replica ? `server ${source.replica}` : 'server';
    case 'sim':
      return source.endpoint;
    case 'fault':
      return 'faults';
    case 'runner':
      return 'runner';
  }
}
