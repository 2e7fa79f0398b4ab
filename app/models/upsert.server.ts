// Prisma's upsert often reads, then creates: two requests at once (a double tap on a first
// rating, two tabs marking a lesson) can both try to create, and the second fails on the unique
// key. Run again, it finds the winner's row and takes the update branch.

/** Runs an upsert (outside a transaction), once more if a racing copy created the row first. */
export async function raceSafeUpsert<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return upsert();
  }
}
