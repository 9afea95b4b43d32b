/** Types of the echo fixture module. */
export declare const calls: { event: unknown; context: Record<string, unknown> }[];
export declare const handler: (event: unknown, context: Record<string, unknown>) => Promise<unknown>;
