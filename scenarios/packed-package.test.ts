import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const repoModules = join(root, 'node_modules');

/** Runs a command to its end (bounded), never through a shell; the result carries its output either way. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env }, timeout: 300_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const explain = (r: { code: number; stdout: string; stderr: string }) => `exit ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`;

/**
 * What `npm install <tarball>` leaves in a project, without the network: the package unpacked from its tarball into
 * node_modules, its runtime dependencies (and the peers a user brings: vitest, typescript) linked from this
 * repository's install, and its bins in node_modules/.bin. Only the package's declared dependencies are linked,
 * so code that needs an undeclared one fails here as it would for a user.
 */
async function installTarball(tarball: string, project: string, extra: string[]) {
  const target = join(project, 'node_modules', 'oidc-session-harness');
  await mkdir(target, { recursive: true });
  const untar = await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], project);
  expect(untar.code, explain(untar)).toBe(0);
  const pkg = JSON.parse(await readFile(join(target, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies), ...extra]) {
    const link = join(project, 'node_modules', dep);
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(repoModules, dep), link, 'dir');
  }
  const bins: Record<string, string> = { ...Object.fromEntries(Object.entries(pkg.bin).map(([name, path]) => [name, join('oidc-session-harness', path)])), vitest: 'vitest/vitest.mjs', tsc: 'typescript/bin/tsc' };
  await mkdir(join(project, 'node_modules', '.bin'), { recursive: true });
  for (const [name, path] of Object.entries(bins)) {
    await symlink(join('..', path), join(project, 'node_modules', '.bin', name));
    if (path.startsWith('oidc-session-harness')) await chmod(join(project, 'node_modules', path), 0o755);
  }
}

describe('the published package', () => {
  it('installs from its tarball into a fresh project, where npx oidc-harness runs a scenario and the vitest example passes', { timeout: 900_000 }, async () => {
    // The compiled files npm pack ships (`prepare` builds them on npm ci: tsc, incremental, then the CLI's bundle).
    const build = await run(process.execPath, [join(repoModules, 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], root);
    expect(build.code, explain(build)).toBe(0);
    const bundle = await run(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs')], root);
    expect(bundle.code, explain(bundle)).toBe(0);
    const tmp = await mkdtemp(join(tmpdir(), 'harness-pack-'));
    const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root);
    expect(pack.code, explain(pack)).toBe(0);
    const [{ filename, files }] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = files.map((f) => f.path);
    for (const shipped of ['dist/cli/bin.js', 'dist/scenarios/index.d.ts', 'dist/scenarios/vitest/index.js', 'dist/scenarios/vitest/index.d.ts', 'dist/oidc-sim/index.js', 'dist/oidc-sim/msw/index.js']) expect(paths).toContain(shipped);
    // Compiled code only: no sources, tests, test helpers or benchmarks.
    expect(paths.filter((p) => /\.test\.|\/testing\/|^dist\/bench\/|\.tsbuildinfo$/.test(p) || (p.endsWith('.ts') && !p.endsWith('.d.ts')))).toEqual([]);

    const project = join(tmp, 'project');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'harness-user', private: true, type: 'module', devDependencies: { 'oidc-session-harness': `file:../${filename}` } }, null, 2));
    await installTarball(join(tmp, filename), project, ['vitest', 'typescript', '@types/node']);

    const help = await run('npx', ['--no', '--', 'oidc-harness', '--help'], project);
    expect(help.code, explain(help)).toBe(0);
    expect(help.stdout).toContain('oidc-harness <command>');

    const scenario = await run('npx', ['--no', '--', 'oidc-harness', 'run', 'dual-windows-different-users', '--report', 'out'], project);
    expect(scenario.code, explain(scenario)).toBe(0);
    expect(scenario.stderr).toContain('pass dual-windows-different-users (seed 1');
    expect(JSON.parse(await readFile(join(project, 'out', 'results.json'), 'utf8')).scenarios[0].status).toBe('passed');

    // The user's own race test, as the README shows it, against the installed package's types and code.
    await copyFile(join(root, 'examples', 'vitest', 'race.test.ts'), join(project, 'race.test.ts'));
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['race.test.ts'] }));
    const types = await run('npx', ['--no', '--', 'tsc', '-p', '.'], project);
    expect(types.code, explain(types)).toBe(0);
    // A world starts real servers: on a busy machine that outlasts vitest's 5 s default (the README says so too).
    const tests = await run('npx', ['--no', '--', 'vitest', 'run', '--reporter', 'verbose', '--testTimeout', '120000', '--hookTimeout', '120000'], project);
    expect(tests.code, explain(tests)).toBe(0);
    expect(tests.stdout).toMatch(/Tests\s+4 passed \(4\)/);
    await rm(tmp, { recursive: true, force: true });
  });
});
