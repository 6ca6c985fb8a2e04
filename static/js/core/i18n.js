// The browser's words, in the page's language, from the same message catalogue as the
// server's (translations/<language>/LC_MESSAGES/messages.po).
//
//   t("Send")                                        a message
//   t("Answers from %(org)s", { org })               with values put in
//   tn("%(num)d note", "%(num)d notes", count)       a count: the plural form the language
//                                                    needs, by Intl.PluralRules (Welsh has
//                                                    six: zero, one, two, few, many, other)
//
// Write every word a person reads through these, with whole sentences and the values as
// %(name)s (the word order differs between languages), never by joining pieces: the
// catalogue test finds them there. The page names its language (<html lang>) and links
// its catalogue (<link data-catalogue>); a page in two languages (the presenter of a
// bilingual workshop) names both in <html data-languages="cy en-GB">, first the one shown
// first, and t() gives both: an object that h(), fill() and setText() show as one text
// per language, each in an element with its own lang attribute.

const page = document.documentElement;

/** The page's languages, as BCP 47 tags: ["cy"], or ["cy", "en-GB"] on a bilingual screen. */
export const languages = (page.dataset.languages || page.lang || "en-GB").split(/\s+/);
/** The language of the page's own words (the first one on a bilingual screen). */
export const lang = languages[0];

async function load(link) {
  // The address changes with the catalogue, so the browser may keep it for a year. A
  // phone on poor wi-fi tries three times; without it the page shows the messages as
  // written (English) rather than nothing at all.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const response = await fetch(link.href);
      if (response.ok) return [link.dataset.catalogue, await response.json()];
    } catch { /* the network: try again */ }
    await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
  }
  return [link.dataset.catalogue, null];
}

const catalogues = Object.fromEntries(
  await Promise.all([...document.querySelectorAll("link[data-catalogue]")].map(load)));

const numbers = new Map();
/** A number as the language writes it. */
export function number(value, language = lang) {
  if (typeof value !== "number") return String(value);
  if (!numbers.has(language)) numbers.set(language, new Intl.NumberFormat(language));
  return numbers.get(language).format(value);
}

/** A date as the language writes it, e.g. "4 December 2026", "4 Rhagfyr 2026". */
export function date(value, options = { day: "numeric", month: "long", year: "numeric" }) {
  return new Intl.DateTimeFormat(lang, options).format(value);
}

function put(text, values, language) {
  if (!values) return text;
  return text.replace(/%(?:\((\w+)\))?([sd%])/g, (all, name, kind) => {
    if (kind === "%") return "%";
    const value = values[name];
    return kind === "d" ? number(value, language) : String(value ?? "");
  });
}

function translate(language, message, plural, count) {
  const known = catalogues[language]?.messages[message];
  if (plural === undefined) return typeof known === "string" ? known : message;
  const category = new Intl.PluralRules(language).select(count);
  if (Array.isArray(known)) {
    const index = catalogues[language].plural.indexOf(category);
    return known[index >= 0 ? index : known.length - 1];
  }
  return category === "one" ? message : plural;
}

/** Words in more than one language, shown one after the other, each with its lang. */
export class InLanguages {
  constructor(texts) {
    this.texts = texts; // [[language, text], ...], the first shown first
  }

  /** Elements to show it: <span lang="cy">…</span> / <span lang="en-GB">…</span>. */
  nodes() {
    const nodes = [];
    this.texts.forEach(([language, text], i) => {
      if (i > 0) {
        const slash = document.createElement("span");
        slash.className = "language-gap";
        slash.setAttribute("aria-hidden", "true");
        slash.textContent = " / ";
        nodes.push(slash);
      }
      const span = document.createElement("span");
      span.lang = language;
      if (i > 0) span.className = "in-second-language";
      span.textContent = text;
      nodes.push(span);
    });
    return nodes;
  }

  toString() {
    return this.texts.map(([, text]) => text).join(" / ");
  }
}

function inEach(make) {
  if (languages.length === 1) return make(lang);
  const texts = languages.map((language) => [language, make(language)]);
  return texts.every(([, text]) => text === texts[0][1]) ? texts[0][1] : new InLanguages(texts);
}

/** A message in the page's language(s), with %(name)s replaced by values[name]. */
export function t(message, values) {
  return inEach((language) => put(translate(language, message), values, language));
}

/** A message that counts: the plural form for `count` in the page's language(s);
 * %(num)d is the count, written as the language writes numbers. */
export function tn(singular, plural, count, values = {}) {
  return inEach((language) => put(translate(language, singular, plural, count),
    { num: count, ...values }, language));
}
