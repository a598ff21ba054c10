/**
 * The LAN session cookie: HttpOnly (no script reads it), Secure (HTTPS only), SameSite=Strict (never sent by another
 * site's page), Path=/, no Max-Age (it goes when the browser closes; the server's idle expiry ends it sooner). The id
 * is the core's session id (accounts/sessions.ts: 256 random bits); it is never put in a URL.
 */
export const SESSION_COOKIE = 'grid_lan_session';

export function sessionCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

/** Tells the browser to drop the cookie (logged out, or the session ended). */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;
}

/** The value of one cookie of a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : null;
    }
  }
  return null;
}
