// Every exchange the front saw, from the moment its request arrived: one that ends is recorded
// with its answer, and one still open when the kit stops is recorded too, as unanswered, since
// its request may already have reached the upstream and changed data there.
import type { IncomingHttpHeaders } from "node:http";
import type { Exchange, Violation } from "../prism/violations.js";
import type { RequestSecrets } from "../report/index.js";
import { frontFindings } from "./findings.js";

export interface OpenExchange {
  readonly method: string;
  readonly url: string;
  /** The request's headers, so the reports can hide its credentials. */
  readonly secrets: RequestSecrets;
  /** The operation, once known. */
  operation: string | null;
  /** What is known so far (the kit's findings on the request). */
  violations: Violation[];
}

export class ExchangeLog {
  /** Ended exchanges, in the order they ended; then those still open at `closeOpen`. */
  readonly exchanges: Exchange[] = [];
  private readonly open = new Set<OpenExchange>();
  private idle: (() => void) | undefined;

  constructor(private readonly onExchange?: (exchange: Exchange) => void) {}

  begin(method: string, url: string, headers: IncomingHttpHeaders = {}): OpenExchange {
    const entry: OpenExchange = {
      method,
      url,
      secrets: { headers },
      operation: null,
      violations: [],
    };
    this.open.add(entry);
    return entry;
  }

  end(entry: OpenExchange, status: number, violations: readonly Violation[]): void {
    if (!this.open.delete(entry)) return;
    this.push({
      method: entry.method,
      url: entry.url,
      operation: entry.operation,
      status,
      violations: [...entry.violations, ...violations],
      secrets: entry.secrets,
    });
    if (this.open.size === 0) this.idle?.();
  }

  /** Resolves when no exchange is open. */
  settled(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  /** Records every exchange still open as unanswered (status 0). */
  closeOpen(): void {
    for (const entry of [...this.open]) {
      this.end(entry, 0, [frontFindings.unanswered()]);
    }
  }

  private push(exchange: Exchange): void {
    this.exchanges.push(exchange);
    this.onExchange?.(exchange);
  }
}
