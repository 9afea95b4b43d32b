/**
 * The items of a comma- or newline-separated form field, trimmed, empty ones left out.
 * @example
 * listOf('192.0.2.0/24, 198.51.100.0/24'); // ['192.0.2.0/24', '198.51.100.0/24']
 */
export function listOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * `{ [name]: items }` when the field lists something, `{}` otherwise: for the API's optional lists, which refuse
 * an empty one (or treat it as "nothing").
 * @example
 * call(session, 'WorkMailService.CreateMobileDeviceAccessRule', { ...optionalList('DeviceTypes', DeviceTypes) });
 */
export function optionalList(name: string, text: string | undefined): Record<string, string[]> {
  const items = listOf(text);
  return items.length > 0 ? { [name]: items } : {};
}

/** An API timestamp (epoch seconds) as the browser's local date and time. */
export function dateTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString();
}

/** A list for a table cell: comma-separated, or an em dash when empty. */
export function joined(items: readonly string[] | undefined): string {
  return items && items.length > 0 ? items.join(', ') : '—';
}
