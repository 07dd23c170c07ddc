/**
 * The targets started by command (`--server-cmd`) run in process groups of their own, so a shell wrapper's server
 * is stopped with it. A harness stopped by Ctrl-C or a CI job's SIGTERM must not leave them running: while any is
 * live, the harness stops every one before it exits on SIGINT, SIGTERM or SIGHUP, and on a plain exit.
 */
const live = new Set<number>();
let installed = false;

/** Signals the whole process group, so a shell wrapper does not leave the real server behind. */
export function killTarget(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}

/** Tracks a started target until it exits; returns the call that stops tracking it. */
export function trackTarget(pid: number): () => void {
  live.add(pid);
  install();
  return () => void live.delete(pid);
}

function stopEvery(): void {
  for (const pid of live) killTarget(pid, 'SIGTERM');
  live.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', stopEvery);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      stopEvery();
      process.exit(code);
    });
  }
}
