export interface StaticServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}
export function resolveUnderRoot(root: string, urlPath: string): string | null;
export function startStaticServer(root: string, options?: { port?: number }): Promise<StaticServer>;
