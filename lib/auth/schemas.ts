import { z } from "zod";
import { PasswordSchema } from "./password";

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

export const SignUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Name must be at most 100 characters."),
  email: EmailSchema,
  password: PasswordSchema,
  inviteToken: z.string().max(200).optional(),
});
export type SignUpInput = z.input<typeof SignUpInput>;

export const SignInInput = z.object({
  email: EmailSchema,
  password: z.string().min(1, "Enter your password.").max(200, "Password must be at most 200 characters."),
});
export type SignInInput = z.input<typeof SignInInput>;
