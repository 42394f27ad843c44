// Reads a project's personas through the provider's API client: every page of the listing,
// then the full record of each persona listed as ready (the others are left out of the
// program, so reading them would be a wasted request).
import { isNotFound, type InfluencerListItem, type InfluencerRecord, type LayersClient } from "../../provider/client";
import type { PersonasRead } from "./plan";

export interface ReadOptions {
  /** Listing filter (`ready`, `failed`, …); all statuses when undefined. */
  status?: string;
  /** Items per listing page, 1-100. */
  pageSize: number;
  /** Record reads in flight at once (the client's shared rate limiter paces them further). */
  concurrency?: number;
  /** Progress and notes for the terminal. */
  log?: (line: string) => void;
}

export interface ProjectRead extends PersonasRead {
  pages: number;
  /** Listed as ready, then 404 on read: deleted in between. */
  vanished: string[];
}

// A cursor the server hands back twice would loop forever; no project has this many pages.
const MAX_PAGES = 10_000;

export async function readProject(client: LayersClient, projectId: string, opts: ReadOptions): Promise<ProjectRead> {
  const listed: InfluencerListItem[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await client.listInfluencers(projectId, { cursor, limit: opts.pageSize, status: opts.status });
    pages += 1;
    listed.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (cursor !== undefined && (seen.has(cursor) || pages >= MAX_PAGES)) {
      throw new Error(`listing project ${projectId}: the API returned cursor ${JSON.stringify(cursor)} again after ${pages} pages; stopping instead of looping`);
    }
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);

  const unique = [...new Map(listed.map((i) => [i.influencerId, i])).values()]; // a persona moved between pages is read once
  const ready = unique.filter((i) => i.status === "ready");
  const notReady = unique.filter((i) => i.status !== "ready");
  opts.log?.(`${unique.length} persona(s) listed in ${pages} page(s); reading ${ready.length} ready one(s)`);

  const records: InfluencerRecord[] = [];
  const vanished: string[] = [];
  await forEachLimited(ready, opts.concurrency ?? 4, async (item) => {
    try {
      records.push(await client.getInfluencer(item.influencerId));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      vanished.push(item.influencerId);
      opts.log?.(`${item.influencerId} was deleted while reading the project; it is left out`);
    }
  });
  return { records, notReady, pages, vanished };
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
