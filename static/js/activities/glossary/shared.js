// Shared language: what every screen shares.
import { t, tn } from "../../core/i18n.js";

export const STATUS = { open: t("Not settled"), agreed: t("Agreed"), contested: t("Means different things") };

/** "12 definitions of 5 terms" */
export const definitionsOf = (count, terms) => tn("%(num)d definition of %(terms)s", "%(num)d definitions of %(terms)s",
  count, { terms: tn("%(num)d term", "%(num)d terms", terms) });
