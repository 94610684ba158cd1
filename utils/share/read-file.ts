// The first checks every imported file goes through, shared by group imports and Restore:
// size, text encoding, share code, JSON, and which Stance format and version it claims to be.
import * as v from 'valibot';
import type { MessageKey } from '@/utils/i18n';
import { ok, type Result, rejected } from './result';
import { decodeShareCode, SHARE_CODE_PREFIX } from './share-code';

/** Size check, UTF-8 decoding, share-code inflation and JSON parsing, in that order. */
export async function readJson(input: string | Uint8Array, maxBytes: number): Promise<Result<unknown>> {
  const limitMb = Math.round(maxBytes / (1024 * 1024));
  let text: string;
  if (typeof input === 'string') {
    // A UTF-16 string takes at least as many UTF-8 bytes as it has code units beyond ASCII; measure only when close.
    if (input.length > maxBytes) return rejected({ reason: 'too-large', limitMb });
    if (input.length * 3 > maxBytes && new TextEncoder().encode(input).length > maxBytes) {
      return rejected({ reason: 'too-large', limitMb });
    }
    text = input;
  } else {
    if (input.length > maxBytes) return rejected({ reason: 'too-large', limitMb });
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return rejected({ reason: 'not-json' });
    }
  }
  text = text.replace(/^\uFEFF/, '').trim();
  if (text.startsWith(SHARE_CODE_PREFIX)) {
    const decoded = await decodeShareCode(text, maxBytes);
    if (!decoded.ok)
      return rejected(
        decoded.reason === 'too-large' ? { reason: 'too-large', limitMb } : { reason: 'bad-share-code' },
      );
    text = decoded.json;
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return rejected({ reason: 'not-json' });
  }
}

/** Checks the `format` and `version` fields before the full schema, so the reason is precise. */
export function checkFormat(
  json: unknown,
  format: string,
  version: number,
  other: { format: string; reason: 'is-backup' | 'is-positions' },
): Result<unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return rejected({ reason: 'not-stance' });
  const claimed = (json as { format?: unknown }).format;
  if (claimed === other.format) return rejected({ reason: other.reason });
  if (claimed !== format) return rejected({ reason: 'not-stance' });
  const fileVersion = (json as { version?: unknown }).version;
  if (typeof fileVersion === 'number' && Number.isInteger(fileVersion) && fileVersion > version) {
    return rejected({ reason: 'newer-version', version: fileVersion });
  }
  return ok(json);
}

/** Full validation against a schema; the first issue names the field (dot path) and what is wrong. */
export function validate<S extends v.GenericSchema>(schema: S, json: unknown): Result<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, json, { abortEarly: true });
  if (parsed.success) return ok(parsed.output);
  const issue = parsed.issues[0];
  const path = issue ? (v.getDotPath(issue) ?? '') : '';
  const key = issue?.message.startsWith('share') ? (issue.message as MessageKey) : 'shareInvalidField';
  return rejected({ reason: 'invalid', path, issue: key });
}
