import type { ResourceScenario } from '../define-resource-scenario.js';
import expiredTokenInFlight from './expired-token-in-flight.js';
import foreignAudience from './foreign-audience.js';
import grantEndedMidRequest from './grant-ended-mid-request.js';
import logoutMidRequest from './logout-mid-request.js';
import manyWindowsRefresh from './many-windows-refresh.js';
import sessionHijack from './session-hijack.js';
import twoUsersIsolated from './two-users-isolated.js';

/** The resource-server mode's catalogue (`oidc-harness run --mode resource-server`). */
export const resourceCatalogue: ResourceScenario[] = [twoUsersIsolated, sessionHijack, foreignAudience, expiredTokenInFlight, manyWindowsRefresh, logoutMidRequest, grantEndedMidRequest];
