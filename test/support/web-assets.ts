/**
 * The entry script and every chunk it imports statically (what the first load runs), not the on-demand ones: the
 * web app's build splits code (web/build.ts), so a first-load budget counts the whole graph.
 * @example
 * const firstLoad = await staticScriptGraph(mw.endpoint, '/assets/mail-3F2A.js');
 */
export async function staticScriptGraph(origin: string, entry: string): Promise<Buffer[]> {
  const seen = new Map<string, Buffer>();
  const visit = async (path: string): Promise<void> => {
    if (seen.has(path)) return;
    const body = Buffer.from(await (await fetch(`${origin}${path}`)).arrayBuffer());
    seen.set(path, body);
    const imports = [...body.toString('utf8').matchAll(/(?:from|import)\s*"\.\/([\w-]+\.js)"/g)];
    for (const [, file] of imports) await visit(path.replace(/[^/]+$/, file!));
  };
  await visit(entry);
  return [...seen.values()];
}
