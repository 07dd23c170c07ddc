#!/usr/bin/env node
// Development entry point: runs scenarios/bin.ts from the TypeScript sources through tsx, no build needed (the
// tests start the CLI this way). The published bin, `npm start` and `npm run bench` run the bundled
// dist/cli/bin.js instead (`npm run build`); tsx is a devDependency.
import { register } from 'tsx/esm/api';

register();
await import('./bin.ts');
