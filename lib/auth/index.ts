export * from "./permissions";
export { signUp, type SignUpResult } from "./sign-up";
export { verifyCredentials } from "./verify-credentials";
export { resolveOAuthUser, type OAuthProvider } from "./oauth-user";
export { getUserById } from "./get-user";
export { hashPassword, verifyPassword, PASSWORD_MIN, PasswordSchema } from "./password";
export { limitSignIn, recordSignInFailure, clearSignIn, limitSignUp } from "./rate-limit";
export { CLIENT_IP_HEADER, clientIpFrom, parseTrustedProxies, resolveClientIp, stampClientIp } from "./client-ip";
export { SignUpInput, SignInInput, EmailSchema } from "./schemas";
