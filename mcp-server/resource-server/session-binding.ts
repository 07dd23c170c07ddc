/** Whether a request whose token names `tokenSub` may use a session created for `sessionSub`. */
export type SessionGuard = (sessionSub: string, tokenSub: string) => boolean;

/** MCP security best practices: a session id is not authentication; a session serves only the user it was created for. */
export const boundSessionGuard: SessionGuard = (sessionSub, tokenSub) => sessionSub === tokenSub;
