// An audit trail as a list of entries, newest first, with "older" pages from the API's cursor.

import { get } from './api.js';
import { fill, h, time, words } from './dom.js';

export function entryText(entry) {
  const from = entry.previous_value == null ? 'none' : words(entry.previous_value);
  const to = entry.current_value == null ? 'none' : words(entry.current_value);
  return `${words(entry.field_changed)}: ${from} → ${to}`;
}

/**
 * Who made a change, in words a person knows (a token's name, a user's email, "system"); the value that the
 * audit log's changed_by filter takes is the tooltip.
 */
export function actor(entry) {
  const name = entry.changed_by_name ?? entry.changed_by;
  const label = entry.changed_by.startsWith('token:') ? `${name} (API token)` : name;
  return h('span.by', { title: entry.changed_by }, label);
}

/** Fills `box` with the insight's audit log at `path` (…/insights/<id>/audit-log). */
export async function renderTimeline(box, path) {
  const list = h('ol.entries', { id: 'timeline' });
  const more = h('div');
  const load = async (cursor, reply) => {
    reply ??= await get(path, { per_page: 25, cursor });
    if (reply.result.length === 0 && !cursor) list.append(h('li.empty', {}, 'No change recorded yet.'));
    for (const entry of reply.result) {
      list.append(h('li', {},
        h('div.entry-head', {}, time(entry.changed_at), ' · ', actor(entry)),
        h('div.entry-change', {}, entryText(entry)),
        entry.rationale ? h('blockquote', {}, entry.rationale) : null));
    }
    const next = reply.result_info?.cursor;
    fill(more, next ? h('button.quiet', { type: 'button', id: 'timeline-more', onclick: () => load(next) }, 'Older entries') : null);
  };
  // The first page is fetched before the old list is replaced, so the box never shows an empty list.
  const first = await get(path, { per_page: 25 });
  fill(box, h('h2', { id: 'timeline-title' }, 'Timeline'), list, more);
  await load(undefined, first);
}
