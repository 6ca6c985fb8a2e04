// Journey map: what the phone and the console share.

export const LIMIT = 280;
