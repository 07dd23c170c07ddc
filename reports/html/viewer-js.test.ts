import { describe, expect, it } from 'vitest';
import { VIEWER_JS } from './viewer-js.js';

describe('the viewer script', () => {
  it('is syntactically valid JavaScript', () => {
    expect(() => new Function(VIEWER_JS)).not.toThrow();
  });

  it('writes run data as text only, never as markup', () => {
    expect(VIEWER_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write\(/);
  });
});
