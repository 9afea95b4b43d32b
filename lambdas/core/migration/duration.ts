/**
 * A number of seconds as the migration's reports write it: `2 h 5 min`, `3 min 20 s`, `45 s`. Pure, so the admin
 * console shows reports with the same words as the command line.
 * @example
 * formatDuration(3725); // '1 h 2 min'
 */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0
    ? `${hours} h ${minutes} min`
    : minutes > 0
      ? `${minutes} min ${seconds % 60} s`
      : `${seconds} s`;
}
