/**
 * The request's creation id → server id map (RFC 8620 §3.3): it starts with the request's `createdIds`, /set
 * handlers record every record they create, and later calls resolve `#creationId` references through it (§5.3).
 * @example
 * context.createdIds.record('k1', 'M42');
 * context.createdIds.resolve('#k1'); // 'M42'
 */
export class CreatedIds {
  private readonly ids: Map<string, string>;

  /** @param initial - the request's `createdIds`, if it had one */
  public constructor(initial: Readonly<Record<string, string>> = {}) {
    this.ids = new Map(Object.entries(initial));
  }

  /** The server id assigned to a creation id in this request (or given by the client), if any. */
  public get(creationId: string): string | undefined {
    return this.ids.get(creationId);
  }

  /** Records the id the server assigned to a record created under `creationId`. */
  public record(creationId: string, id: string): void {
    this.ids.set(creationId, id);
  }

  /**
   * An id as a /set argument may hold it: `#creationId` becomes the created id (undefined when unknown, for the
   * handler to report as its method requires); anything else is already an id and is returned unchanged.
   */
  public resolve(idOrReference: string): string | undefined {
    return idOrReference.startsWith('#') ? this.ids.get(idOrReference.slice(1)) : idOrReference;
  }

  /** The map as the Response object's `createdIds`. */
  public toJSON(): Record<string, string> {
    return Object.fromEntries(this.ids);
  }
}
