// Words in more than one language, for a bilingual screen (i18n.js loads this module
// only on one).

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

  /** The text in one of its languages (the first if it has not that one). */
  in(language) {
    return (this.texts.find(([l]) => l === language) || this.texts[0])[1];
  }

  toString() {
    return this.texts.map(([, text]) => text).join(" / ");
  }
}

