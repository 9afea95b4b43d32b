import yauzl from 'yauzl';
import type { ZipEntries } from '../../core/export/import-zip';
import { yauzlZipEntries } from '../aws/yauzl-zip-entries';

/**
 * A zip file on disk read entry by entry (yauzl reads what it needs from the file; nothing holds the whole zip).
 * @example
 * const zip = fileZipEntries('./export.zip');
 */
export function fileZipEntries(path: string): ZipEntries {
  return yauzlZipEntries(() => yauzl.openPromise(path, { lazyEntries: true }));
}
