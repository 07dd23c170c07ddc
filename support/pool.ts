/**
 * Runs `task` over `items` with at most `limit` in flight: many windows at once, without a thundering herd. Each
 * task also gets its lane (0 to limit - 1): the lane's tasks run one after another, so a lane can own a resource
 * (a child process, say) that no other task touches meanwhile.
 */
export async function pool<T, R>(items: T[], limit: number, task: (item: T, index: number, lane: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (lane: number) => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i, lane);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, (_, lane) => worker(lane)));
  return results;
}
