// The browser's words in the page's language, from the server's message catalogue:
// t("Send"), t("Answers from %(org)s", { org }), tn("%(num)d note", "%(num)d notes", n)
// (Intl.PluralRules picks the form). How to write them: translations/README.md. The page
// names its language (<html lang>) and links its catalogue (<link data-catalogue>); a
// bilingual screen names both (<html data-languages="cy en-GB">), and t() then gives an
// InLanguages (bilingual.js, which a phone never loads) shown one element per language.

const page = document.documentElement;
/** The page's languages: ["cy"], or ["cy", "en-GB"] on a bilingual screen. */
export const languages = (page.dataset.languages || page.lang || "en-GB").split(/\s+/);
/** The language of the page's own words (the first on a bilingual screen). */
export const lang = languages[0];

async function load(link) {
  // Three tries on poor wi-fi; failing that, the messages as written (English).
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      const response = await fetch(link.href);
      if (response.ok) return [link.dataset.catalogue, await response.json()];
    } catch { /* the network: try again */ }
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
  return [link.dataset.catalogue, null];
}

const bilingual = languages.length > 1 ? await import("./bilingual.js") : null;
const catalogues = Object.fromEntries(
  await Promise.all([...document.querySelectorAll("link[data-catalogue]")].map(load)));

/** Whether `value` is words in more than one language. */
export const inLanguages = (value) => bilingual !== null && value instanceof bilingual.InLanguages;

/** A number as the language writes it; `options` as Intl.NumberFormat takes them. */
export const number = (value, language = lang, options = undefined) =>
  (typeof value === "number" ? new Intl.NumberFormat(language, options).format(value) : String(value));

/** A date (or time) as the language writes it: "4 December 2026", "4 Rhagfyr 2026". */
export const date = (value, options = { dateStyle: "long" }) =>
  new Intl.DateTimeFormat(lang, options).format(value);

function put(text, values, language) {
  return !values ? text : text.replace(/%(?:\((\w+)\))?([sd%])/g, (all, name, kind) => {
    if (kind === "%") return "%";
    const value = inLanguages(values[name]) ? values[name].in(language) : values[name];
    return kind === "d" ? number(value, language) : String(value ?? "");
  });
}

function translate(language, message, plural, count) {
  const known = catalogues[language]?.messages[message];
  if (plural === undefined) return typeof known === "string" ? known : message;
  const category = new Intl.PluralRules(language).select(count);
  if (!Array.isArray(known)) return category === "one" ? message : plural;
  const index = catalogues[language].plural.indexOf(category);
  return known[index >= 0 ? index : known.length - 1];
}

function inEach(make) {
  if (!bilingual) return make(lang);
  const texts = languages.map((language) => [language, make(language)]);
  return texts.every(([, text]) => text === texts[0][1]) ? texts[0][1] : new bilingual.InLanguages(texts);
}

/** Words the facilitator gave (a question, an option, a stage) in the page's language(s):
 * `words` is the activity's {language: {as given: translated}}; else as given. */
export const localised = (text, words) =>
  (typeof text !== "string" ? text : inEach((language) => words?.[language]?.[text] ?? text));

/** Parts (words from t(), or text) joined by `between`, in each of the page's languages:
 * for a value of a message, joined(parts, "; ") instead of parts.join("; "), which gives both
 * languages in each. */
export const joined = (parts, between) =>
  inEach((language) => parts.map((part) => (inLanguages(part) ? part.in(language) : String(part))).join(between));

/** A message in the page's language(s), with %(name)s replaced by values[name]. */
export const t = (message, values) =>
  inEach((language) => put(translate(language, message), values, language));

/** A count's message, in the plural form for `count`; %(num)d is the count. */
export const tn = (singular, plural, count, values = {}) =>
  inEach((language) => put(translate(language, singular, plural, count), { num: count, ...values }, language));
