import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { useLatest } from './latest';
import { useFormModal } from './formModal';
import { ApiError } from '../api/client';

describe('useLatest', () => {
  it('shows only the newest answer when an older one comes back last', async () => {
    const resolvers: ((v: string) => void)[] = [];
    const shown: string[] = [];
    const { run, loading } = useLatest(
      () => new Promise<string>((ok) => resolvers.push(ok)),
      (r) => shown.push(r),
      () => {},
    );
    const first = run();
    const second = run();
    resolvers[1]('new');
    await second;
    resolvers[0]('old');
    await first;
    expect(shown).toEqual(['new']);
    expect(loading.value).toBe(false);
  });
});

describe('useFormModal', () => {
  it('resets when opened, marks field errors, and closes only after a successful save', async () => {
    const open = ref(false);
    const close = vi.fn();
    let answer: ApiError | null = new ApiError('invalid', 'The site cannot be saved:', [{ field: 'postalCode', message: 'Bad code.' }]);
    const f = useFormModal({
      isOpen: () => open.value,
      initial: () => ({ name: '', postalCode: '' }),
      save: (_values, done) => done(answer),
      close,
    });
    f.form.name = 'stale';
    open.value = true;
    await nextTick();
    expect(f.form.name).toBe('');

    f.submit();
    expect(f.fieldError('postalCode')).toBe('Bad code.');
    expect(f.status('postalCode')).toBe('error');
    expect(f.status('name')).toBeUndefined();
    expect(close).not.toHaveBeenCalled();

    answer = null;
    f.submit();
    expect(f.error.value).toBeNull();
    expect(close).toHaveBeenCalledOnce();
  });
});
