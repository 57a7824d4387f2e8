import { reactive, ref, watch } from 'vue';
import type { ApiError } from '../api';

/** The parent's answer to a form: null when saved, else the error to show on the form. */
export type Done = (err: ApiError | null) => void;

/**
 * useFormModal is the state every form dialog shares: the values (reset from `initial` each time it opens),
 * the error the services sent back, marked on its fields, and saving. The parent saves and answers through
 * `done`; the dialog closes only when the save succeeded.
 */
export function useFormModal<T extends object>(opts: {
  isOpen: () => boolean;
  initial: () => T;
  save: (values: T, done: Done) => void;
  close: () => void;
}) {
  // The form's values are plain strings, numbers and booleans: reactive() does not change their types.
  const form = reactive(opts.initial()) as T;
  const error = ref<ApiError | null>(null);
  const saving = ref(false);

  watch(opts.isOpen, (open) => {
    if (open) {
      Object.assign(form, opts.initial());
      error.value = null;
    }
  });

  const fieldError = (name: string) => error.value?.fields[name]?.join(' ');
  const status = (name: string) => (fieldError(name) ? ('error' as const) : undefined);

  function submit() {
    saving.value = true;
    opts.save({ ...form }, (err) => {
      saving.value = false;
      error.value = err;
      if (!err) opts.close();
    });
  }

  return { form, error, saving, fieldError, status, submit };
}
