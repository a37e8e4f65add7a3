export { listMembers, listPendingInvites } from "./list";
export { createInvite, revokeInvite } from "./invite";
export { acceptInvite, describeInvite, type InviteStatus } from "./accept-invite";
export { changeRole } from "./change-role";
// Sign-up accepts the invite it was started from (lib/auth).
export { acceptInviteForUser, findUsableInvite } from "./internal";
export { removeMember, leaveWorkspace } from "./remove";
export { CreateInviteInput, ChangeRoleInput, RoleSchema, INVITE_TTL_DAYS_DEFAULT } from "./schemas";
