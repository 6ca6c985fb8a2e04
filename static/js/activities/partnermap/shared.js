// Partner map: what the projector and the console share.
import { tn } from "../../core/i18n.js";

/** "12 mentions of 7 partners" */
export const mentionsOf = (count, partners) => tn("%(num)d mention of %(partners)s", "%(num)d mentions of %(partners)s",
  count, { partners: tn("%(num)d partner", "%(num)d partners", partners) });
