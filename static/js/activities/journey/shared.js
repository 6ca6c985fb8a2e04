// Journey map: what the phone, the projector and the console share.

export const LIMIT = 280;
export const FEELINGS = [
  [-2, "Very bad"], [-1, "Bad"], [0, "Neutral"], [1, "Good"], [2, "Very good"],
];
