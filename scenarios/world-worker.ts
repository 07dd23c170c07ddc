import type { ScenarioResult } from './result-types.js';
import { UsageError } from './usage-error.js';
import { describeError } from './describe-error.js';
import type { WorkerMessage } from './world-processes.js';
import { closeWorldPglite } from './reference-replicas.js';

/** What a child can run for its parent: a world per job, and how to let its simulators and servers go. */
interface Worlds {
  run(job: never): Promise<ScenarioResult>;
  close(): Promise<void>;
}

/**
 * A world process (world-processes.ts): `oidc-harness world-worker <run|explore> <options>` resolves the parent's
 * command from the parent's own options, then runs every job the parent sends over its IPC channel, several at once
 * as sent, and answers each with its result. It ends when the channel closes (the parent is done or gone).
 */
export async function worldWorkerCommand(argv: string[]): Promise<number> {
  if (!process.send) throw new UsageError('world-worker is started by run and explore for their worlds, not by hand');
  const [command, ...options] = argv;
  const worlds = await worldsFor(command, options);
  const send = (message: WorkerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  const running = new Set<Promise<void>>();
  // The parent may have let go while this process was still resolving its command (another child failed).
  const closed = process.connected ? new Promise<void>((resolve) => process.once('disconnect', resolve)) : Promise.resolve();
  process.on('message', (m: { id: number; job: unknown }) => {
    // A world that threw, or a result that cannot be sent, is answered as an error naming why.
    const answered = worlds
      .run(m.job as never)
      .then((value) => send({ id: m.id, ok: true, value }))
      .catch((err: unknown) => send({ id: m.id, ok: false, error: describeError(err) }));
    running.add(answered);
    void answered.finally(() => running.delete(answered));
  });
  await send({ ready: true });
  await closed;
  await Promise.allSettled([...running]);
  await worlds.close();
  await closeWorldPglite();
  // Nothing of this process is wanted any more; whatever handle a world left open must not keep it (and its parent's
  // close) waiting.
  process.exit(0);
}

async function worldsFor(command: string | undefined, argv: string[]): Promise<Worlds> {
  if (command === 'run') {
    const { runWorlds } = await import('./commands/run.js');
    return runWorlds(argv);
  }
  if (command === 'explore') {
    const { exploreWorlds } = await import('./commands/explore.js');
    return exploreWorlds(argv);
  }
  throw new UsageError(`world-worker runs the worlds of run or explore, not of '${command ?? ''}'`);
}
