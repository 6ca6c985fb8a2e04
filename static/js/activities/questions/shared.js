// Questions from the room: what the phone, the projector and the console say alike.
import { plural } from "../../core/dom.js";

/** Where a question stands, in words (the server's statuses). */
export const STANDING = { open: "", answering: "Being answered now", answered: "Answered" };

/** "1 vote", "12 votes" */
export const votes = (n) => plural(n, "vote");
