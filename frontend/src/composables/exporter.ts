import { ref } from 'vue';
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { errorText, type app } from '../api';
import { deliver, type Delivery } from '../api/files';

/**
 * useExporter runs an export (a quote's, a contract's or a redline's PDF) and says what became of the file:
 * downloading in browser mode, saved where the user chose in the desktop window, nothing when the dialog was
 * cancelled. `busy` names the export running, for the button's spinner.
 */
export function useExporter() {
  const { t } = useI18n();
  const message = useMessage();
  const busy = ref('');

  async function run(key: string, fn: () => Promise<app.ExportDTO>): Promise<Delivery | null> {
    busy.value = key;
    try {
      const d = deliver(await fn());
      if (d.kind === 'downloaded') message.success(t('documents.exported.downloading', { name: d.name }));
      else if (d.kind === 'saved') message.success(t('documents.exported.saved', { path: d.path }), { duration: 6000 });
      return d;
    } catch (e) {
      message.error(errorText(e));
      return null;
    } finally {
      busy.value = '';
    }
  }

  return { busy, run };
}
