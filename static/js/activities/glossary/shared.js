// Shared language: what every screen shares.

export const STATUS = { open: "Not settled", agreed: "Agreed", contested: "Means different things" };
