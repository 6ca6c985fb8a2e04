// Action plan: what the phone, the projector and the console share.
import { date, t } from "../../core/i18n.js";

/** "31 Mar 2027" for "2027-03-31", as the page's language writes it; "" for none. */
export function day(due) {
  if (!due) return "";
  return date(new Date(`${due}T12:00:00`), { day: "numeric", month: "short", year: "numeric" });
}

/** "Owner: Council · due 31 Mar 2027", leaving out what is not known yet. */
export function ownerAndDue(item) {
  return ownerAndDueParts(item).filter(Boolean).join(" · ");
}

/** The same as parts, for setLine() (on a bilingual screen, each part in both languages). */
export const ownerAndDueParts = (item) => [item.owner ? t("Owner: %(owner)s", { owner: item.owner }) : "",
  item.due ? t("due %(date)s", { date: day(item.due) }) : ""];

/** The statuses ({key: name}, in English from the server) in the page's language. */
export const statusNames = (statuses) => Object.fromEntries(Object.entries(statuses).map(([key, name]) => [key, t(name)]));

/** "Then: Not started · now: Done" for an earlier workshop's action. */
export function thenAndNow(item, statuses) {
  return item.reviewed ? t("Then: %(then)s · now: %(now)s", { then: statuses[item.was], now: statuses[item.status] })
    : t("Then: %(then)s · now: not said yet", { then: statuses[item.was] });
}
