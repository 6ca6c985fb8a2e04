// Open question: what the phone and the console share.

export const LIMIT = 280;
