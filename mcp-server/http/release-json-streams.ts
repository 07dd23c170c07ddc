import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

interface StreamEntry {
  resolveJson?: (response: Response) => void;
}

interface TransportInternals {
  _webStandardTransport?: { _streamMapping?: unknown };
}

/** A stream map that forgets a JSON-response entry as its answer is handed out: nothing reads it after that. */
class ReleasingStreamMap extends Map<string, StreamEntry> {
  override set(key: string, entry: StreamEntry): this {
    const resolve = entry?.resolveJson;
    if (typeof resolve === 'function') {
      entry.resolveJson = (response) => {
        if (this.get(key) === entry) this.delete(key);
        resolve(response);
      };
    }
    return super.set(key, entry);
  }
}

/**
 * Contains the MCP SDK's `_streamMapping` leak (typescript-sdk #2559, unfixed in 1.32.2): in JSON-response mode a
 * transport keeps one entry per answered POST for the life of its session, about a hundred bytes and two closures
 * each, so an idle session that polled its login status holds dozens. The SDK offers no public hook, so this one
 * function swaps the transport's map for one that drops an entry once its JSON answer is resolved, and refuses
 * loudly if an SDK update moved it. Call it before the transport handles a request. Remove it when the SDK ships
 * the fix: `release-json-streams.test.ts` says when (its "the SDK still leaks" case fails).
 */
export function releaseJsonStreams(transport: StreamableHTTPServerTransport): void {
  const inner = (transport as unknown as TransportInternals)._webStandardTransport;
  const current = inner?._streamMapping;
  if (!inner || !(current instanceof Map)) {
    throw new Error('this MCP SDK version keeps its stream mapping elsewhere: remove releaseJsonStreams or update it (transport internals changed)');
  }
  inner._streamMapping = new ReleasingStreamMap(current);
}
