// Lists that follow live updates in place. Each item's element is made once and then
// updated, so that the button someone is pressing, or that holds the keyboard focus, is
// still the same button when other people's updates arrive. Only items that come or go
// are added or removed, and an element is moved only when the order really changed.

/** keyedList(ul, { key: (item) => id, make: (item) => ({ element, update(item) }) })
 * answers show(items), which brings the container's children in line with the items.
 * While a pointer is pressed in the container, rows are not moved: items that would
 * come above others, go, or change places wait until it is released, because a row that
 * moved under the pointer between press and release makes the press miss. Updates to the
 * rows themselves, and items added at the end, are shown at once. */
export function keyedList(container, { key, make }) {
  let shown = new Map(); // key -> {element, update}
  let waiting = null; // the latest items, while a pointer is pressed; else null
  const release = () => {
    const items = waiting;
    waiting = null;
    if (items) setTimeout(() => bring(items)); // after the press's click has landed
  };
  container.addEventListener("pointerdown", () => {
    waiting = waiting || false;
    for (const type of ["pointerup", "pointercancel", "blur"]) window.addEventListener(type, release, { once: true });
  });
  return function show(items) {
    if (waiting !== null && movesRows(items)) { waiting = items; return; }
    if (waiting) waiting = false; // these are newer than what was waiting
    bring(items);
  };

  function movesRows(items) {
    const next = [...new Set(items.map(key))];
    return [...shown.keys()].some((id, i) => next[i] !== id);
  }

  function bring(items) {
    const next = new Map();
    for (const item of items) {
      const id = key(item);
      if (next.has(id)) continue;
      const entry = shown.get(id) || make(item);
      entry.update?.(item);
      next.set(id, entry);
    }
    for (const [id, entry] of shown) if (!next.has(id)) entry.element.remove();
    let i = 0;
    for (const entry of next.values()) {
      const here = container.children[i];
      if (here !== entry.element) container.insertBefore(entry.element, here || null);
      i += 1;
    }
    shown = next;
  }
}

/** Calls build() again only when what it builds from has changed: the structure, such as
 * the options of a vote or the statements of a health check, not the counts on it. */
export function rebuildWhenChanged(build) {
  let signature = null;
  let built = null;
  return (shape) => {
    const next = JSON.stringify(shape);
    if (next !== signature) { signature = next; built = build(); }
    return built;
  };
}
