// Partnership health check: what every screen shares.
import { plural } from "../../core/dom.js";

export const SCORES = [[1, "Poor"], [2, "Weak"], [3, "Fair"], [4, "Good"], [5, "Strong"]];

/** "1 person has answered", "3 people have answered" */
export const answered = (n) => `${plural(n, "person", "people")} ${n === 1 ? "has" : "have"} answered`;
