// Build the picture: what the projector and the console share.
import { tn } from "../../core/i18n.js";

/** "40 bricks from 12 people" */
export const bricksFrom = (view) => tn("%(num)d brick from %(people)s", "%(num)d bricks from %(people)s",
  view.count, { people: tn("%(num)d person", "%(num)d people", view.builders) });
