// The action names the audit log stores for what admins (and the server shell) do to accounts,
// defined once: the models write them, the audit page puts them into words.
export const ACCOUNT_ACTIONS = {
  created: "user.created",
  roleChanged: "user.role-changed",
  disabled: "user.disabled",
  enabled: "user.enabled",
  signedOut: "user.signed-out",
  resetSent: "user.password-reset-sent",
  passwordSet: "user.password-set",
  unlocked: "user.unlocked",
} as const;

export type AccountAction = (typeof ACCOUNT_ACTIONS)[keyof typeof ACCOUNT_ACTIONS];
