/**
 * Maps `items` through `work` with at most `limit` calls in flight, keeping the order of `items` in the result.
 * @example
 * const details = await boundedMap(users, 4, (user) => source.call('DescribeUser', { … }));
 */
export async function boundedMap<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
