import type { WorkMailApi } from './ports';

/**
 * Every item of a paginated WorkMail list action, following `NextToken` until the service stops giving one.
 * @param listKey - the output field holding the page's items (`Users`, `Members`, …)
 * @example
 * const users = await allPages(source, 'ListUsers', { OrganizationId }, 'Users');
 */
export async function allPages<T>(
  api: WorkMailApi,
  action: string,
  input: Readonly<Record<string, unknown>>,
  listKey: string,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await api.call(action, { ...input, ...(nextToken ? { NextToken: nextToken } : {}) });
    items.push(...((page[listKey] as T[] | undefined) ?? []));
    nextToken = page.NextToken as string | undefined;
  } while (nextToken);
  return items;
}
