import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolError } from './tool-errors.js';

/** Tool answers are JSON text with a stable shape, so any client (and the runner) can parse them. */
export function okResult(payload: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(payload) }] };
}

export function errorResult(error: ToolError): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: error.code, message: error.message }) }] };
}
