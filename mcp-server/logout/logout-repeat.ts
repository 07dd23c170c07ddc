import { AlreadyLoggedOutError } from '../tools/tool-errors.js';

export interface LogoutAnswer {
  logged_out: true;
  revoked: boolean;
  already_logged_out: boolean;
}

/** What logout answers when there is nothing left to log out. Composition point of `non-idempotent-logout`. */
export interface LogoutRepeat {
  answer(): LogoutAnswer;
}

/** Seed 001 #15: logging out twice is fine; the second call confirms the state the first one reached. */
export function createIdempotentRepeat(): LogoutRepeat {
  return { answer: () => ({ logged_out: true, revoked: false, already_logged_out: true }) };
}

/** Flaw `non-idempotent-logout` (seed 001 #15): the second logout is a "not found" error. */
export function createNotFoundRepeat(): LogoutRepeat {
  return {
    answer() {
      throw new AlreadyLoggedOutError();
    },
  };
}
