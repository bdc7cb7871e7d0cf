/** `mongodb://user:pass@host/db` → `mongodb://[REDACTED]@host/db`: logs show where, never who. */
export function redactUrlCredentials(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/g, '//[REDACTED]@');
}
