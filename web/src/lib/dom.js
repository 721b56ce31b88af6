// A few DOM helpers: elements from a tag, attributes and children; a status line that screen
// readers announce.

/** `h('p', { class: 'x' }, 'text', child)`. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((c) => c != null && c !== false));
  return element;
}

/** Shows `message` in the live region `element` (role="status"), marked `kind` (ok, error). */
export function say(element, message, kind = 'info') {
  element.textContent = message;
  element.dataset.kind = kind;
}

/** A table of `rows` (arrays of cells) under `headings`. */
export function table(headings, rows, caption) {
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headings.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell))))));
}
