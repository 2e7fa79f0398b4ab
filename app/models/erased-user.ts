// What remains of an account its holder deleted (app/account/delete.server.ts): the User row,
// anonymised, so that their answers still count in item statistics. Defined once, so every list
// of people can leave such rows out. The marker is the address built from the row's own id: no
// one can register it (.invalid is a reserved top-level domain, RFC 2606, and no mail reaches it).
export const ERASED_NAME = "Deleted user";

/** Every erased account's address ends so (lists of people leave such rows out by it). */
export const ERASED_EMAIL_SUFFIX = "@deleted.invalid";

export function erasedEmail(userId: string): string {
  return `deleted-${userId}${ERASED_EMAIL_SUFFIX}`;
}

/** Whether this account was deleted by its holder (and is now an anonymous row). */
export function isErasedUser(user: { id: string; email: string }): boolean {
  return user.email === erasedEmail(user.id);
}
