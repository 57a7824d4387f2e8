import { describe, expect, it, vi } from 'vitest';
import { bytesToBase64, deliver, readBase64 } from './files';

describe('files', () => {
  it('encodes bytes as base64, large files included', async () => {
    expect(bytesToBase64(new TextEncoder().encode('%PDF-1.7'))).toBe('JVBERi0xLjc=');
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(atob(bytesToBase64(big)).length).toBe(100_000);
    expect(await readBase64(new Blob([new Uint8Array([0, 255, 1])]))).toBe('AP8B');
  });

  it('downloads in browser mode, reports the saved path or the cancelled dialog on the desktop', () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    expect(deliver({ fileName: 'CT-1 v2.pdf', path: '', url: '/qw/download/abc', cancelled: false, sha256: '' })).toEqual({
      kind: 'downloaded',
      name: 'CT-1 v2.pdf',
    });
    expect(click).toHaveBeenCalledOnce();
    expect(document.querySelector('a[download]')).toBeNull(); // the link is removed after the click
    expect(deliver({ fileName: 'a.pdf', path: '/home/me/a.pdf', url: '', cancelled: false, sha256: '' })).toEqual({ kind: 'saved', path: '/home/me/a.pdf' });
    expect(deliver({ fileName: 'a.pdf', path: '', url: '', cancelled: true, sha256: '' })).toEqual({ kind: 'cancelled' });
    click.mockRestore();
  });
});
