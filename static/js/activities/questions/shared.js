// Questions from the room: what the phone, the projector and the console say alike.
import { t, tn } from "../../core/i18n.js";

/** Where a question stands, in words (the server sends `open`, `answering`, `answered`). */
export const STANDING = { open: "", answering: t("Being answered now"), answered: t("Answered") };

/** "1 vote", "12 votes" */
export const votes = (n) => tn("%(num)d vote", "%(num)d votes", n);

/** "12 questions from 9 people" */
export const asked = (view) => tn("%(num)d question from %(people)s", "%(num)d questions from %(people)s",
  view.count, { people: tn("%(num)d person", "%(num)d people", view.people) });
