// Imported only to learn whether TypeScript can be imported (typescript-loader.ts).
export const probe = true;
