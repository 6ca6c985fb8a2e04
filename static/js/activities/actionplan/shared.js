// Action plan: what the phone, the projector and the console share.

/** "31 Mar 2027" for "2027-03-31"; "" for none. */
export function day(due) {
  if (!due) return "";
  return new Date(`${due}T12:00:00`).toLocaleDateString("en-GB",
    { day: "numeric", month: "short", year: "numeric" });
}

/** "Owner: Council · due 31 Mar 2027", leaving out what is not known yet. */
export function ownerAndDue(item) {
  return [item.owner ? `Owner: ${item.owner}` : "", item.due ? `due ${day(item.due)}` : ""]
    .filter(Boolean).join(" · ");
}

/** "Then: Not started · now: Done" for an earlier workshop's action. */
export function thenAndNow(item, statuses) {
  return `Then: ${statuses[item.was]} · now: ${item.reviewed ? statuses[item.status] : "not said yet"}`;
}
