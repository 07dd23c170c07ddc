import { randomUUID } from 'node:crypto';
import { defineScenario } from '../define-scenario.js';
import { sessionIdGuesses } from '../session-id-guesses.js';

/** Alters one character in the middle of a credential (still well-formed, no longer valid). */
function altered(credential: string): string {
  const i = Math.floor(credential.length / 2);
  return `${credential.slice(0, i)}${credential[i] === 'A' ? 'B' : 'A'}${credential.slice(i + 1)}`;
}

export default defineScenario({
  id: 'hostile-windows',
  title: "A window without alice's credential tries to reach her data: guessable values, her live session id, altered or replayed credentials, forged, guessed and closed session ids",
  seeds: ['000', '002'],
  tags: ['isolation', 'reconnect', 'security'],
  async run(world) {
    const a = world.window('A', { user: 'alice' });
    const b = world.window('B', { user: 'bob' });
    await a.login();
    await b.login();
    const alice = world.sim.user('alice');
    const credential = a.resumeCredential;
    if (!credential) return world.inconclusive("alice's login returned no resume credential (the contract wants a field whose name contains 'resume')");
    // Bob's window, and a fresh one with nobody logged in, each try what an attacker can know or guess.
    const guesses: Array<[string, string]> = [
      ['sub', alice.sub],
      ['username', alice.username],
      ['email', alice.email],
      ['truncated credential', credential.slice(0, Math.max(1, credential.length - 4))],
      ['altered credential', altered(credential)],
    ];
    // The id of alice's live MCP session travels in every request header of hers: an id is not a credential.
    if (a.sessionId) guesses.push(['live session id of another window', a.sessionId]);
    const h = world.window('H', { user: 'bob' });
    for (const [hostile, value] of world.shuffle(guesses)) {
      const w = world.random() < 0.5 ? b : h;
      await w.call('resume', { resume_token: value }, { expect: 'error', hostile });
      await w.whoami();
    }
    // A session id nobody was given: a clear refusal, never somebody's session.
    const forged = world.window('F', { user: 'bob', sessionId: randomUUID() });
    await forged.call('whoami', {}, { expect: 'error', hostile: 'forged session id' });
    // The ids beside the ones the windows were given: a server counting its sessions hands a neighbour's over.
    const live = [a.sessionId, b.sessionId].filter((id): id is string => !!id);
    const guessed = [...new Set(live.flatMap(sessionIdGuesses))];
    for (const [i, id] of guessed.entries()) {
      const g = world.window(`G${i + 1}`, { user: 'bob', sessionId: id });
      await g.call('whoami', {}, { expect: 'error', hostile: 'guessed session id' });
    }
    // The credential after its user logged out, replayed.
    await a.logout();
    await h.call('resume', { resume_token: credential }, { expect: 'error', hostile: 'credential after logout' });
    await h.whoami();
    await b.getProfile();
    // Bob closes his window (HTTP DELETE): its id, replayed, must name no session any more.
    const closedId = b.sessionId;
    await b.disconnect();
    if (closedId) {
      const replay = world.window('R', { user: 'bob', sessionId: closedId });
      await replay.call('whoami', {}, { expect: 'error', hostile: 'session id after close' });
    }
  },
});
