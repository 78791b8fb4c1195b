// Builds elements without HTML strings, so no API value is ever parsed as markup.

/** h('a.cls', {href, onclick}, child, …): an element with attributes, properties and children. */
export function h(tag, attrs = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && !key.startsWith('aria') && key !== 'list' && key !== 'form') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces every child of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A time as the user's locale shows it, with the ISO time in a tooltip. */
export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return h('time', { dateTime: iso, title: iso }, date.toLocaleString());
}

/** Words for a wire value: accept_risk -> accept risk. */
export function words(value) {
  return value == null ? '' : String(value).replaceAll('_', ' ');
}
