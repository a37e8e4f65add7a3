export declare const BROWSER_ARGS: string[];
export declare function resolveBrowser(env?: NodeJS.ProcessEnv): Promise<{ executablePath: string; source: string }>;
