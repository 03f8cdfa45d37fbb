// Types for tests that import the build script's settings.
export declare const nodeExternals: readonly string[];
export declare const nodeEntries: ReadonlyArray<readonly [entry: string, output: string]>;
