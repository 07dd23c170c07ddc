import type { ScenarioDefinition } from '../define-scenario.js';
import disconnectAndResume from './disconnect-and-resume.js';
import doubleLogout from './double-logout.js';
import dualWindowsDifferentUsers from './dual-windows-different-users.js';
import dualWindowsSameUser from './dual-windows-same-user.js';
import logoutThenOtherUser from './logout-then-other-user.js';
import logoutThenRelogin from './logout-then-relogin.js';
import closeDuringLogin from './close-during-login.js';
import commitThenFailDuringRefresh from './commit-then-fail-during-refresh.js';
import networkDelayDuringHeartbeat from './network-delay-during-heartbeat.js';
import oidcBrieflyUnavailable from './oidc-briefly-unavailable.js';
import outageLongerThanRefreshLifetime from './outage-longer-than-refresh-lifetime.js';
import tamperedIdTokenAtLogin from './tampered-id-token-at-login.js';
import heartbeatAndToolCallRace from './heartbeat-and-tool-call-race.js';
import logoutMidHeartbeat from './logout-mid-heartbeat.js';
import manyClients from './many-clients.js';
import overlappingHeartbeatRounds from './overlapping-heartbeat-rounds.js';
import tokenWriteRace from './token-write-race.js';
import serverRestartMidSession from './server-restart-mid-session.js';
import replicasAlignedRefresh from './replicas-aligned-refresh.js';
import replicaFailedRefresher from './replica-failed-refresher.js';
import hostileWindows from './hostile-windows.js';

/** The catalogue, in the order a report lists it. */
export const catalogue: ScenarioDefinition[] = [
  dualWindowsSameUser,
  dualWindowsDifferentUsers,
  logoutThenRelogin,
  logoutThenOtherUser,
  doubleLogout,
  disconnectAndResume,
  hostileWindows,
  heartbeatAndToolCallRace,
  tokenWriteRace,
  logoutMidHeartbeat,
  overlappingHeartbeatRounds,
  closeDuringLogin,
  networkDelayDuringHeartbeat,
  oidcBrieflyUnavailable,
  outageLongerThanRefreshLifetime,
  commitThenFailDuringRefresh,
  tamperedIdTokenAtLogin,
  manyClients,
  serverRestartMidSession,
  replicasAlignedRefresh,
  replicaFailedRefresher,
];
