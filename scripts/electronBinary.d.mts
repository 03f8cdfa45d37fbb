export declare function findElectronBinary(root: string, env?: NodeJS.ProcessEnv): string | null;
