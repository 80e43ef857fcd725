import { englishMessage, type MessageCode } from '../../app/i18n/messages';

/** File-system errors and sizes as the sentences of the app say them. */

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`;
}

const REASONS: Readonly<Record<string, MessageCode>> = {
  ENOENT: 'fs_not_found',
  EACCES: 'fs_permission',
  EPERM: 'fs_permission',
  EROFS: 'fs_read_only_disk',
  EISDIR: 'fs_is_folder',
  ENOSPC: 'fs_disk_full',
};

/**
 * Why a file operation failed, as message params: `reason` in English and, for the errors a user can
 * act on, `reasonCode` so the page says it in its own language (renderer/format/message-text.ts).
 */
export function fsReason(error: unknown): { reason: string; reasonCode?: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasonCode = code !== undefined && Object.hasOwn(REASONS, code) ? REASONS[code] : undefined;
  if (reasonCode) return { reason: englishMessage(reasonCode, {}), reasonCode };
  return { reason: error instanceof Error ? error.message : String(error) };
}

export function describeFsError(error: unknown): string {
  return fsReason(error).reason;
}
