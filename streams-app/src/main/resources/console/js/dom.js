// DOM helpers: an element builder, the status icons, and morph(), which patches a live tree to match a
// freshly rendered one. Pages render from scratch on every refresh and morph() keeps the elements that
// stay, so focus, scroll position, open <details> and the Chart.js canvases survive the update.

/**
 * Creates an element. Attributes with null, undefined or false values are left out and true becomes an
 * empty attribute. Children may be nodes, strings, numbers, nested arrays or null (skipped).
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
}

// Icons on a 16 x 16 grid. They are decorative: the text next to each one states the same status.
const ICON_PATHS = {
  critical: ['M5 1h6l4 4v6l-4 4H5l-4-4V5z', 'M8 4v5', 'M8 11.5v.5'],
  warning: ['M8 1.5l7 13H1z', 'M8 6v4', 'M8 12v.5'],
  drifted: ['M8 1.5l7 13H1z', 'M8 6v4', 'M8 12v.5'],
  ok: ['M8 1a7 7 0 1 0 0 14A7 7 0 1 0 8 1z', 'M4.5 8.2l2.3 2.3 4.7-4.9'],
  no_data: ['M8 1a7 7 0 1 0 0 14A7 7 0 1 0 8 1z', 'M4.5 8h7'],
  resolved: ['M8 1a7 7 0 1 0 0 14A7 7 0 1 0 8 1z', 'M4.5 8.2l2.3 2.3 4.7-4.9'],
  offline: ['M1 5.5a10 10 0 0 1 14 0', 'M3.5 8.5a6.5 6.5 0 0 1 9 0', 'M6 11.5a3 3 0 0 1 4 0', 'M2 2l12 12'],
};

/**
 * Creates the decorative SVG icon of a status (critical, warning, drifted, ok, no_data, resolved, offline).
 * The HTML parser of a <template> puts <svg> in the SVG namespace, which spares a namespace string here.
 */
export function icon(name) {
  const known = Object.hasOwn(ICON_PATHS, name) ? name : 'no_data';
  const paths = ICON_PATHS[known].map((d) => `<path d="${d}"></path>`).join('');
  const template = document.createElement('template');
  template.innerHTML = `<svg class="icon icon-${known}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"`
    + ` focusable="false">${paths}</svg>`;
  return template.content.firstElementChild;
}

/**
 * Patches `live` in place so that it matches `fresh`, which is then discarded. Children are matched by
 * their data-key attribute when they have one, else by position and tag.
 *
 * Exceptions, for state that the user or a library owns: the open attribute of <details> is kept,
 * a <canvas> keeps the attributes that Chart.js set on it (only the rendered ones are updated, its
 * children are left alone), and a form control keeps its value while it has focus.
 */
export function morph(live, fresh) {
  if (live.nodeType !== Node.ELEMENT_NODE) {
    if (live.nodeValue !== fresh.nodeValue) {
      live.nodeValue = fresh.nodeValue;
    }
    return;
  }
  morphAttributes(live, fresh);
  if (live.tagName === 'CANVAS') {
    return;
  }
  if ((live.tagName === 'SELECT' || live.tagName === 'INPUT') && document.activeElement !== live) {
    morphChildren(live, fresh);
    if (live.value !== fresh.value) {
      live.value = fresh.value;
    }
    return;
  }
  morphChildren(live, fresh);
}

function morphAttributes(live, fresh) {
  for (const { name, value } of Array.from(fresh.attributes)) {
    if (live.getAttribute(name) !== value) {
      live.setAttribute(name, value);
    }
  }
  if (live.tagName === 'CANVAS') {
    return;
  }
  for (const { name } of Array.from(live.attributes)) {
    if (!fresh.hasAttribute(name) && !(name === 'open' && live.tagName === 'DETAILS')) {
      live.removeAttribute(name);
    }
  }
}

function keyOf(node) {
  return node.nodeType === Node.ELEMENT_NODE ? node.getAttribute('data-key') : null;
}

function sameKind(a, b) {
  return a.nodeType === b.nodeType && (a.nodeType !== Node.ELEMENT_NODE || a.tagName === b.tagName);
}

function morphChildren(live, fresh) {
  const keyed = new Map();
  for (const child of live.children) {
    const key = keyOf(child);
    if (key !== null) {
      keyed.set(key, child);
    }
  }

  let cursor = live.firstChild;
  for (const freshChild of Array.from(fresh.childNodes)) {
    const key = keyOf(freshChild);
    let match = null;
    if (key !== null) {
      const candidate = keyed.get(key);
      match = candidate && candidate.tagName === freshChild.tagName ? candidate : null;
      keyed.delete(key);
    } else if (cursor && keyOf(cursor) === null && sameKind(cursor, freshChild)) {
      match = cursor;
    }

    if (match === null) {
      live.insertBefore(freshChild, cursor);
    } else if (match === cursor) {
      cursor = cursor.nextSibling;
      morph(match, freshChild);
    } else {
      live.insertBefore(match, cursor);
      morph(match, freshChild);
    }
  }

  while (cursor) {
    const next = cursor.nextSibling;
    live.removeChild(cursor);
    cursor = next;
  }
}
