/**
 * Read every page of a `Marker`-paged Lambda listing: `fetch(marker)` reads one (marker undefined for
 * the first) and `onPage` takes it. A marker seen before ends the listing: a server that ignores
 * `Marker` (a misbehaving proxy or emulator) would otherwise be asked forever.
 */
export async function forEachMarkerPage<P extends { readonly NextMarker?: string }>(fetch: (marker: string | undefined) => Promise<P>, onPage: (page: P) => void): Promise<void> {
  const seen = new Set<string>();
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    onPage(page);
    marker = page.NextMarker || undefined;
    if (marker !== undefined && seen.has(marker)) break;
    if (marker !== undefined) seen.add(marker);
  } while (marker !== undefined);
}
