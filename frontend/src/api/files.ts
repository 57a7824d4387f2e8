// Files between the page and the services: a chosen file read as base64 for a call, and an exported document
// delivered — downloaded in browser mode, already saved by the native dialog in the desktop window.
import type { app } from '../../wailsjs/go/models';

/** bytesToBase64 encodes bytes as standard base64, in chunks so that a large PDF does not overflow the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** readBase64 reads a chosen file whole, as the services take files: base64 without a data: prefix. */
export async function readBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** What became of an exported file. */
export type Delivery =
  | { kind: 'downloaded'; name: string }
  | { kind: 'saved'; path: string }
  | { kind: 'cancelled' };

/**
 * deliver finishes an export: in browser mode the services hold the file under a one-time URL and the page
 * downloads it with a real link click (so the browser saves it under its name); in the desktop window the
 * native dialog has already saved it at `path`, or the user cancelled the dialog.
 */
export function deliver(e: app.ExportDTO): Delivery {
  if (e.url) {
    const a = document.createElement('a');
    a.href = e.url;
    a.download = e.fileName;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return { kind: 'downloaded', name: e.fileName };
  }
  if (e.path) return { kind: 'saved', path: e.path };
  return { kind: 'cancelled' };
}

/** copyText puts text on the clipboard, falling back to the older way where the clipboard API is refused. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    /* not allowed here: the selection way below */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}
