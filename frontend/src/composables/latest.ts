import { ref } from 'vue';

/**
 * useLatest runs a load so that only the newest request's answer is shown: a slower, older search that comes
 * back last must not overwrite a newer one.
 */
export function useLatest<T>(load: () => Promise<T>, show: (result: T) => void, fail: (e: Error) => void) {
  const loading = ref(false);
  let seq = 0;

  async function run() {
    const mine = ++seq;
    loading.value = true;
    try {
      const r = await load();
      if (mine === seq) show(r);
    } catch (e) {
      if (mine === seq) fail(e as Error);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  return { loading, run };
}

/** debounce delays fn until `ms` have passed without another call. */
export function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
