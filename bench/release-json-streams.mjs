// Profiling experiment only (bench/session-heap.ts --release-json-streams), never loaded by the benchmarks:
// releases a JSON-response-mode stream mapping of the MCP SDK's Streamable HTTP server transport once its response
// is resolved. SDK 1.32.2 keeps one `_streamMapping` entry per POST for the life of the session
// (modelcontextprotocol/typescript-sdk#2559, fix proposed in #2747); this shows what that fix is worth per session.
// The reference server contains the leak itself (mcp-server/http/release-json-streams.ts), so this now changes the
// bare SDK server only: preload it to compare the two with the leak gone from both.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

class ReleasingMap extends Map {
  set(key, value) {
    if (value && typeof value.resolveJson === 'function') {
      const resolve = value.resolveJson;
      value.resolveJson = (response) => {
        this.delete(key);
        resolve(response);
      };
    }
    return super.set(key, value);
  }
}

Object.defineProperty(WebStandardStreamableHTTPServerTransport.prototype, '_streamMapping', {
  configurable: true,
  set(initial) {
    Object.defineProperty(this, '_streamMapping', { value: new ReleasingMap(initial), writable: true, configurable: true });
  },
});
