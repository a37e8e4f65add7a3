import { z } from "zod";
import { ROLES } from "@/db/schema/workspaces";
import { EmailSchema } from "@/lib/auth/schemas";

export const RoleSchema = z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(", ")}.` });

export const INVITE_TTL_DAYS_DEFAULT = 7;

export const CreateInviteInput = z.object({
  email: EmailSchema,
  role: RoleSchema,
  expiresInDays: z.number().int().min(1, "Invites last at least 1 day.").max(30, "Invites last at most 30 days.").default(INVITE_TTL_DAYS_DEFAULT),
});
export type CreateInviteInput = z.input<typeof CreateInviteInput>;

export const ChangeRoleInput = z.object({ userId: z.uuid("Unknown member."), role: RoleSchema });
export type ChangeRoleInput = z.input<typeof ChangeRoleInput>;

export const MemberRef = z.object({ userId: z.uuid("Unknown member.") });
export const InviteRef = z.object({ inviteId: z.uuid("Unknown invite.") });
