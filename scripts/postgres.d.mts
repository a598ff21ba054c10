export const POSTGRES_PACKAGE: string;
export const MISSING_POSTGRES: string;
export function findPostgresBin(env?: NodeJS.ProcessEnv): string | null;
export function startCluster(): Promise<{ url: string; port: number; stop(): void }>;
