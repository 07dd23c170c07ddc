/** Where RFC 9728 puts a resource's metadata: the well-known prefix before the resource's path. */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

/** RFC 9728 protected-resource metadata: which authorization server issues tokens for this MCP server. */
export function protectedResourceMetadata(resource: string, issuer: string) {
  return {
    resource,
    authorization_servers: [issuer],
    bearer_methods_supported: ['header'],
    resource_name: 'oidc-session-harness reference resource server',
  };
}

/** RFC 6750 §3 with RFC 9728 §5.1: where a client learns how to get a token for this server. */
export function wwwAuthenticate(metadataUrl: string, error?: { code: string; description: string }): string {
  const parts = [`resource_metadata="${metadataUrl}"`];
  if (error) parts.unshift(`error="${error.code}"`, `error_description="${error.description.replace(/["\\]/g, "'")}"`);
  return `Bearer ${parts.join(', ')}`;
}
