// Partnership health check: what every screen shares.
import { t, tn } from "../../core/i18n.js";

export const SCORES = [[1, t("Poor")], [2, t("Weak")], [3, t("Fair")], [4, t("Good")], [5, t("Strong")]];

/** How the partnership came about: the answers' words, by the key the server sends. */
export const ORIGINS = {
  reactive: t("Set up in reaction to a gap, issue or breakdown"),
  proactive: t("Set up to build something better"),
  both: t("Some of both"),
};

/** "1 person has answered", "3 people have answered" */
export const answered = (n) => tn("%(num)d person has answered", "%(num)d people have answered", n);

/** The same, on the phone: "… so far." */
export const answeredSoFar = (n) => tn("%(num)d person has answered so far.", "%(num)d people have answered so far.", n);
