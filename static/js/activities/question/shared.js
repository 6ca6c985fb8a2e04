// Open question: what the projector and the console share.
import { tn } from "../../core/i18n.js";

/** "12 answers from 9 people" */
export const answersFrom = (view) => tn("%(num)d answer from %(people)s", "%(num)d answers from %(people)s",
  view.count, { people: tn("%(num)d person", "%(num)d people", view.people) });
