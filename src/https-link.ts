/**
 * An https link with a real host name and no credentials in it, normalised; null for anything
 * else (http, javascript:, a bare domain, free text), or when it is longer than `maxLength`.
 * Members are sent to such links, so nothing else gets through.
 */
export function parseHttpsLink(raw: string, maxLength: number): string | null {
  const value = raw.trim();
  if (!/^https:\/\//i.test(value) || /\s/.test(value) || value.length > maxLength) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(url.hostname)) return null;
  return url.href.length <= maxLength ? url.href : null;
}
