/** Types of bin/server-bundle.mjs (plain JavaScript: it runs before any TypeScript loader). */
export declare const ROOT: string;
export declare const BUNDLE: string;
export declare function bundleIsFresh(outfile?: string): boolean;
export declare function buildBundle(): Promise<string>;
export declare function bundle(entry: string, outfile: string): Promise<string>;
