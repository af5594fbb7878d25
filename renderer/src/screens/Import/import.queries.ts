import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/contract/index.ts';
import { invoke, onEvent } from '../../ipc/client.ts';

/** A file read in the window, ready to send to the core (once for the preview, once for the import). */
export interface PickedFile {
  name: string;
  size: number;
  dataBase64: string;
}

export type ImportProgress = EventPayload<'import:progress'>;

// Device settings and the session are not touched by an import; everything read from the store may be.
const untouched = new Set(['session', 'settings']);

/** Runs `import:run` on a picked file; after a real import, re-reads what it may have changed. */
export const useImportRun = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: PickedFile; dryRun: boolean }) =>
      invoke('import:run', { source: { kind: 'content', name: file.name, dataBase64: file.dataBase64 }, dryRun }),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ predicate: (query) => !untouched.has(String(query.queryKey[0])) });
    },
  });
};

/** Asks the core to stop the running import after its current batch. */
export const useCancelImport = () => useMutation({ mutationFn: () => invoke('import:cancel') });

/** The core's latest `import:progress`, and a reset for the start of a run (unknown until the first event). */
export const useImportProgress = () => {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => onEvent('import:progress', setProgress), []);
  return [progress, () => setProgress(null)] as const;
};

/** The share done, 0 to 100, or null while the core has not said how much there is. */
export const percentOf = (progress: ImportProgress | null): number | null =>
  progress && progress.total > 0 ? Math.min(100, Math.max(0, Math.round((progress.done / progress.total) * 100))) : null;
