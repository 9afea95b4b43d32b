/** Where the JMAP layer reports failures it hides from clients (the same shape as the HTTP API's logger). */
export interface JmapLogger {
  error(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** Writes JSON lines to stderr; the default {@link JmapLogger}. */
export const consoleJmapLogger: JmapLogger = {
  error: (message, fields) => console.error(JSON.stringify({ level: 'ERROR', message, ...fields })),
};

/** The loggable facts of a thrown value: its name, message and stack, never the value itself. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: typeof error };
  return { name: error.name, message: error.message, stack: error.stack };
}
