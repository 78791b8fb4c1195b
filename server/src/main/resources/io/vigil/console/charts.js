// Counts by class, severity and type as small bar charts whose bars are filter buttons.

import { get } from './api.js';
import { h, words } from './dom.js';
import { countQuery, read, write } from './filters.js';

const CHARTS = [
  { field: 'severity', path: 'severity', title: 'By severity' },
  { field: 'issue_type', path: 'type', title: 'By type' },
  { field: 'issue_class', path: 'class', title: 'By class' },
];

/** The three charts for `params`; each counts with every filter but its own, so other values stay visible. */
export async function renderCharts(base, params, onChange) {
  const counts = await Promise.all(CHARTS.map((chart) =>
    get(`${base}/${chart.path}`, countQuery(params, chart.field)).then((reply) => reply.result)));
  // Open on a wide screen; a phone starts with the list, the counts one tap away.
  const wide = window.matchMedia('(min-width: 761px)').matches;
  return h('details.counts', { open: wide },
    h('summary', {}, 'Counts by severity, type and class'),
    h('div.charts', {}, CHARTS.map((chart, i) => chartOf(chart, counts[i], params, onChange))));
}

function chartOf(chart, counts, params, onChange) {
  const current = read(params, chart.field);
  const max = Math.max(1, ...counts.map((c) => c.count));
  const headingId = `chart-${chart.field}`;
  return h('section.chart', { 'aria-labelledby': headingId },
    h('h2', { id: headingId }, chart.title),
    counts.length === 0 ? h('p.empty', {}, 'None') : h('ul', {}, counts.map((c) => {
      const active = !current.negate && current.values.includes(c.value);
      const bar = h('span.bar');
      bar.style.width = `${Math.round((c.count / max) * 100)}%`;
      return h('li', {}, h('button.bar-button', {
        type: 'button',
        'aria-pressed': String(active),
        title: active ? `Stop filtering on ${words(c.value)}` : `Filter on ${words(c.value)}`,
        onclick: () => {
          const next = new URLSearchParams(params);
          const values = current.negate ? [] : current.values.filter((v) => v !== c.value);
          if (!active) values.push(c.value);
          write(next, chart.field, { values, negate: false });
          next.delete('page');
          onChange(next);
        },
      }, h('span.bar-label', {}, words(c.value)), h('span.bar-track', {}, bar), h('span.bar-count', {}, String(c.count))));
    })));
}
