import type { RecordedRequest } from './discord-stand-in.ts';

export interface SentFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * A multipart request as Discord reads it: the JSON of `payload_json` and the files, their bytes
 * intact (a PNG does not survive a round trip through text).
 */
export function multipartOf(request: RecordedRequest): { json: Record<string, unknown>; files: SentFile[] } {
  const type = String(request.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (!boundary) throw new Error(`not a multipart request: ${type}`);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let json: Record<string, unknown> = {};
  const files: SentFile[] = [];
  let start = request.raw.indexOf(delimiter);
  while (start >= 0) {
    const next = request.raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = request.raw.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const data = part.subarray(headerEnd + 4);
    const field = /name="([^"]+)"/.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]+)"/.exec(headers)?.[1];
    if (field === 'payload_json') json = JSON.parse(data.toString('utf8'));
    else if (filename) {
      files.push({ field, filename, contentType: /content-type: (.+)/i.exec(headers)?.[1] ?? '', data });
    }
    start = next;
  }
  return { json, files };
}
