// The typed API layer: every call to the Go services goes through here. The generated Wails bindings
// (wailsjs/go/...) are the transport in both the desktop window and browser mode; this layer gives their
// failures one shape the UI can show.

/** A failed call: the message is already in the user's language. */
export class ApiError extends Error {
  readonly code: string;
  /** Problems with single form fields, by field name. */
  readonly fields: Record<string, string[]>;

  constructor(code: string, message: string, fields: { field: string; message: string }[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = {};
    for (const f of fields) {
      (this.fields[f.field] ??= []).push(f.message);
    }
  }

  /** The summary and every field problem, as one text. */
  get fullMessage(): string {
    const parts = Object.values(this.fields).flat();
    return parts.length ? `${this.message} ${parts.join(' ')}` : this.message;
  }
}

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  fields?: unknown;
}

/** toApiError turns whatever a binding rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === 'object' && 'message' in e) {
    const s = e as ErrorShape;
    const fields = Array.isArray(s.fields) ? (s.fields as { field: string; message: string }[]) : [];
    return new ApiError(typeof s.code === 'string' ? s.code : 'internal', String(s.message), fields);
  }
  if (typeof e === 'string') {
    // Wails reports a call it could not make (for example bad arguments) as a plain string.
    return new ApiError('internal', e);
  }
  return new ApiError('internal', String(e));
}

/** call awaits a binding and rethrows its failure as an ApiError. */
export async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toApiError(e);
  }
}

/** errorText is what to show for a failure in a toast: the summary and every field problem. */
export function errorText(e: unknown): string {
  return toApiError(e).fullMessage;
}
