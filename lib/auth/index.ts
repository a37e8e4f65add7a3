export * from "./permissions";
export { signUp, type SignUpResult } from "./sign-up";
export { verifyCredentials } from "./verify-credentials";
export { resolveOAuthUser, type OAuthProvider } from "./oauth-user";
export { getUserById } from "./get-user";
export { hashPassword, verifyPassword, PASSWORD_MIN } from "./password";
export { SignUpInput, SignInInput, EmailSchema } from "./schemas";
