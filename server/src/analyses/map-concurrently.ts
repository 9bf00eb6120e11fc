/**
 * `fn` over `items` with at most `limit` calls running at once, results in the items' order. For
 * work that queues on a connection pool anyway (every shop's overview on the All shops page): as
 * many at once as the pool has connections keeps each busy without piling a long queue in front of
 * other users' requests.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
