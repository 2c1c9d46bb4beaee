"""The watch service: sources kept in the store, polled when due, politely (conditional GET,
robots.txt, a per-host interval, back-off), their new items read through the ingest pipeline.

- `sources`: the list of sources (add, list, remove, pause, resume, OPML in and out);
- `polite`: what keeps the fetching polite (HTTP cache, robots.txt, host gate, back-off);
- `entries`: what a fetched source lists (feed entries, sitemap URLs, or the page itself);
- `service`: one poll of everything due, and the loop that keeps polling;
- `lock`: one watch process per store.
"""
