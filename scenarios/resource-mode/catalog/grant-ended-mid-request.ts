import { revokedMidRequest } from './revoked-mid-request.js';

export default revokedMidRequest({
  id: 'rs-grant-ended-mid-request',
  title: "The provider ends alice's grant (logout everywhere) while her get_profile is in flight: her token is refused within the declared cache lifetime, bob is untouched, her new login works",
  seeds: ['MCP auth spec: token validation', 'provider-side end of a grant'],
  end: async (world) => world.endGrants('alice'),
});
