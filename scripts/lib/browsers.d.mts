export function findChromium(): string | undefined;
export function findFirefox(): string | undefined;
export function isExecutable(file: string): boolean;
export function chromiumArgs(extensionDir?: string): string[];
