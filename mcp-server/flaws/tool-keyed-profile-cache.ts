import type { ProfileCacheKey } from '../resource-server/profile-cache.js';

/** Flaw data-cache-keyed-wrong: upstream answers are cached by tool name alone, so the next user gets the last user's data. */
export const toolOnlyKey: ProfileCacheKey = (_sub, tool) => tool;
