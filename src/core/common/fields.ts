// Kept apart from envelope.ts so the client can use it without pulling zod into the bundle.
import type { ErrorDetail } from './envelope'

/**
 * Field path → the first message for it, for showing errors next to form fields. An item's
 * message (photos.0) also stands for its list (photos), where a form shows the list's errors.
 */
export function fieldMessages(details: ErrorDetail[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of details) {
    if (!out[d.path]) out[d.path] = d.message
    const list = d.path.split('.')[0]
    if (!out[list]) out[list] = d.message
  }
  return out
}
