// A server whose runs misbehave cannot make waitForRun wait for ever, poll faster than its
// schedule, or leak a credential through the run it carries. Polls are counted, never timed:
// the schedule says how many fit into the timeout, and the server counts what arrived.
import { describe, expect, it } from "vitest";
import {
  ModeRunFailedError,
  ModeRunTimeoutError,
  type WaitForRunOptions,
} from "../../src/index.js";
import { pollsWithin } from "../../src/datasets/wait-for-run.js";
import { hostileServer, sendJson } from "./helpers/hostile-server.js";
import {
  expectNoCredentials,
  rejection,
  SECRET,
  throwingClient,
  TOKEN,
} from "./helpers/hostile-client.js";

const target = { account: "northwind", dataset: "5a4177a2902c", run: "c81d5f2a9e63" };

const run = (state: unknown, extra: Record<string, unknown> = {}) => ({
  token: target.run,
  state,
  created_at: "2025-03-04T09:15:02.114Z",
  _links: { self: { href: `/api/northwind/datasets/${target.dataset}/runs/${target.run}` } },
  ...extra,
});

describe("a run that never ends", () => {
  it("ends in a timeout error with the last state seen, within the polls the schedule allows", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(response, 200, run("running")),
    );
    const options: WaitForRunOptions = {
      intervalMs: 5,
      backoff: 2,
      maxIntervalMs: 40,
      timeoutMs: 400,
    };
    const error = await rejection(throwingClient(server.baseUrl).waitForRun(target, options));
    expect(error).toBeInstanceOf(ModeRunTimeoutError);
    const { polls, run: last } = error as ModeRunTimeoutError;
    // A poll the deadline cut short may never have reached the server; none arrived unasked.
    expect(server.seen.length).toBeLessThanOrEqual(polls);
    expect(polls).toBeLessThanOrEqual(pollsWithin(options, 400));
    for (const seen of server.seen)
      expect(seen.url).toBe(`/api/northwind/datasets/${target.dataset}/runs/${target.run}`);
    if (last) expect(last.state).toBe("running");
  });

  it("ends at the deadline even while a poll is still unanswered, and drops that request", async () => {
    let dropped: (() => void) | undefined;
    const closed = new Promise<void>((resolve) => (dropped = resolve));
    const server = await hostileServer((_request, response) => {
      // Headers and a promise of more, then nothing: only the client can end this.
      response.writeHead(200, { "Content-Type": "application/hal+json" });
      response.write('{"token": "c81d5f2a9e63", ');
      response.on("close", () => dropped?.());
    });
    const error = await rejection(
      throwingClient(server.baseUrl, { timeoutMs: 60_000 }).waitForRun(target, {
        intervalMs: 1,
        timeoutMs: 1_000,
      }),
    );
    expect(error).toBeInstanceOf(ModeRunTimeoutError);
    expect(error).toMatchObject({ polls: 1, run: undefined });
    expect((error as Error).message).toMatch(/never seen/);
    expect(server.seen).toHaveLength(1);
    // The client closed the connection it gave up on (a leak would leave this hanging).
    await closed;
  });

  it("keeps polling through states it does not know and bodies of the wrong shape", async () => {
    const answers = [
      run("warming_up"),
      run({ nested: "succeeded" }),
      run(["succeeded"]),
      { ...run("succeeded"), state: undefined },
      run("succeeded"),
    ];
    const server = await hostileServer((_request, response, index) =>
      sendJson(response, 200, answers[Math.min(index, answers.length - 1)]),
    );
    const finished = await throwingClient(server.baseUrl).waitForRun(target, {
      intervalMs: 1,
      maxIntervalMs: 1,
    });
    expect(finished.state).toBe("succeeded");
    expect(server.seen).toHaveLength(5);
  });
});

describe("polling pace", () => {
  it("never sends more than one request per interval, counting every request the server saw", async () => {
    // The run ends on the 6th poll; slow answers must not make the polls bunch up afterwards.
    let inFlight = 0;
    let most = 0;
    const server = await hostileServer(async (_request, response, index) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, index % 2 === 0 ? 15 : 0));
      inFlight--;
      sendJson(response, 200, run(index < 5 ? "pending" : "succeeded"));
    });
    const options: WaitForRunOptions = {
      intervalMs: 10,
      backoff: 1.5,
      maxIntervalMs: 30,
      timeoutMs: 20_000,
    };
    const polls: number[] = [];
    const finished = await throwingClient(server.baseUrl).waitForRun(target, {
      ...options,
      onPoll: (_run, poll) => polls.push(poll),
    });
    expect(finished.state).toBe("succeeded");
    expect(server.seen).toHaveLength(6);
    expect(polls).toEqual([1, 2, 3, 4, 5, 6]);
    expect(most).toBe(1);
  });

  it("does not retry the run's own state: a failed run is reported once, not polled again", async () => {
    const server = await hostileServer((_request, response, index) =>
      sendJson(response, 200, run(index === 0 ? "enqueued" : "failed")),
    );
    const error = await rejection(
      throwingClient(server.baseUrl).waitForRun(target, { intervalMs: 1, timeoutMs: 20_000 }),
    );
    expect(error).toBeInstanceOf(ModeRunFailedError);
    expect(server.seen).toHaveLength(2);
  });
});

describe("credentials echoed into a run", () => {
  it("shows none of them in the failed-run error or the run it carries", async () => {
    const server = await hostileServer((request, response) =>
      sendJson(
        response,
        200,
        run("failed", {
          error_message: `could not log in as ${TOKEN} with ${SECRET}`,
          echoed: request.headers.authorization,
          [SECRET]: "as a key",
        }),
      ),
    );
    const error = await rejection(
      throwingClient(server.baseUrl).waitForRun(target, { intervalMs: 1 }),
    );
    expect(error).toBeInstanceOf(ModeRunFailedError);
    expectNoCredentials(error);
    expectNoCredentials((error as ModeRunFailedError).run);
  });

  it("shows none of them in the timeout error's last run", async () => {
    const server = await hostileServer((_request, response) =>
      sendJson(response, 200, run("pending", { note: `token ${TOKEN}` })),
    );
    const error = await rejection(
      throwingClient(server.baseUrl).waitForRun(target, { intervalMs: 1, timeoutMs: 100 }),
    );
    expect(error).toBeInstanceOf(ModeRunTimeoutError);
    expectNoCredentials(error);
  });
});
