import { revokedMidRequest } from './revoked-mid-request.js';

export default revokedMidRequest({
  id: 'rs-logout-mid-request',
  title: "Alice logs out (her client revokes its refresh token, RFC 7009) while her get_profile is in flight: her token is refused within the declared cache lifetime, bob is untouched, her new login works",
  seeds: ['MCP auth spec: token validation; RFC 7009 revocation', 'DESIGN: logout is per user'],
  end: (world, alice) => world.revoke(alice),
});
