// Build DOM nodes without ever parsing strings as HTML: participant text is always text.
// Words in two languages (i18n.js inLanguages) are shown as one element per language.
import { inLanguages } from "./i18n.js";

/** h("button", {class: "x", onclick: fn}, "Label", child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

/** svg("circle", {cx: 5, cy: 5, r: 2}): an SVG element, made as `h` makes HTML ones;
 * attributes are set as given, children (strings as text) appended. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** A drawing the server made as data, [tag, {attributes}, ...children], each child
 * another such list or text (activities/drawing.py), built as SVG elements. */
export function drawing([tag, attrs, ...children]) {
  const safe = Object.fromEntries(Object.entries(attrs).filter(([key]) => !/^on/i.test(key)));
  return svg(tag, safe, children.map((child) => (Array.isArray(child) ? drawing(child) : child)));
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (inLanguages(child)) el.append(...child.nodes());
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Sets an element's text only when it differs, so that nothing is redrawn or read out
 * again for an update that did not change it. */
export function setText(el, text) {
  if (el.textContent === String(text)) return el;
  if (inLanguages(text)) el.replaceChildren(...text.nodes());
  else el.textContent = text;
  return el;
}

/** Sets a line of parts ("12 answers", "hidden until…") with " · " between them, only
 * when it differs; words in two languages stay one element per language. */
export function setLine(el, parts) {
  const shown = parts.filter(Boolean);
  if (el.textContent === shown.join(" · ")) return el;
  return fill(el, shown.flatMap((part, i) => (i ? [" · ", part] : [part])));
}

/** Sets an element's class only when it differs. */
export function setClass(el, name) {
  if (el.className !== name) el.className = name;
  return el;
}

const offered = new WeakMap(); // select -> the options it was last filled with

/** Fills a select with [value, label] options, again only when they change, and keeps
 * the chosen one while it is still offered: an update leaves a choice, or an open list,
 * alone. */
export function setOptions(select, options) {
  const shape = JSON.stringify(options);
  if (offered.get(select) === shape) return select;
  offered.set(select, shape);
  const chosen = select.value;
  fill(select, options.map(([value, label]) => h("option", { value }, label)));
  if (options.some(([value]) => String(value) === chosen)) select.value = chosen;
  return select;
}

/** A button made once whose visible word and, for screen readers, what it acts on follow
 * the updates: namedButton(attrs) answers { button, name(word, what) }. */
export function namedButton(attrs) {
  const word = document.createTextNode("");
  const what = h("span", { class: "visually-hidden" });
  const button = h("button", { type: "button", ...attrs }, word, what);
  return {
    button,
    name(text, object) {
      if (word.data !== text) word.data = text;
      setText(what, `: ${object}`);
    },
  };
}

/** A control's visible word and, for screen readers only, what it acts on:
 * h("button", {}, named("Remove", text)) is heard as "Remove: text". */
export function named(word, what) {
  return [word, h("span", { class: "visually-hidden" }, `: ${what}`)];
}
