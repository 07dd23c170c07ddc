// Child-process entry of the start-up benchmark's baseline: a bare oidc-provider configured like `oidc-harness sim`
// (same clients, algorithm and lifetimes), alone in a compiled process; one JSON line on stdout once it listens.
import { createBareProvider } from './bare-provider.js';
import type { ServerSpec } from './server-spec.js';

const target = await createBareProvider(JSON.parse(process.argv[2]!) as Extract<ServerSpec, { kind: 'bare-provider' }>);
process.stdout.write(`${JSON.stringify({ issuer: target.info.issuer })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void target.close());
