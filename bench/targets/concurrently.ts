/** Makes `count` items with at most `concurrency` of them in the making at once (fixture minting, not measured). */
export const makeConcurrently = async <T>(count: number, concurrency: number, make: () => Promise<T>): Promise<T[]> => {
  const made: T[] = [];
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      made.push(await make());
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return made;
};
