/**
 * Checks that every BEGIN has its matching END in order (ical.js accepts `BEGIN:VEVENT … END:VTODO`), and returns
 * why not, or undefined when the nesting is sound.
 * @param text - iCalendar or vCard text
 * @example
 * componentNestingError('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n'); // 'VEVENT is not terminated'
 */
export function componentNestingError(text: string): string | undefined {
  const open: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^(BEGIN|END):([A-Za-z0-9-]+)\s*$/i.exec(line);
    if (!match) continue;
    const name = match[2].toUpperCase();
    if (match[1].toUpperCase() === 'BEGIN') {
      open.push(name);
      continue;
    }
    const last = open.pop();
    if (last !== name) return last ? `${last} ends with END:${name}` : `END:${name} without BEGIN`;
  }
  const unterminated = open.pop();
  return unterminated && `${unterminated} is not terminated`;
}
