import { setTimeout as sleep } from 'node:timers/promises';
import { eventFramesOf, readRawStream, receivedOf, runIdOf } from './raw-sse.js';
import { expectWellFormedStream } from './stream-assertions.js';

/**
 * Follows a run from seq 4, as a resuming client does: the run's record reaches the shared
 * store without the live path waiting for it, so a 404 in the first moments is retried.
 */
async function followWhenKnown(url: string): ReturnType<typeof readRawStream> {
  for (let attempt = 0; ; attempt += 1) {
    const followed = await readRawStream(url, { headers: { 'last-event-id': '4' } });
    if (followed.status !== 404 || attempt === 20) return followed;
    await sleep(50);
  }
}

/**
 * Starts `payload` on instance A and checks it through instance B: B follows it live from
 * seq 4, replays it whole afterwards (both byte for byte what A's client got), and has its
 * final record.
 */
export async function expectFollowedAndReplayedAcross(
  startUrl: string,
  otherUrl: string,
  payload: unknown,
): Promise<void> {
  let follower: ReturnType<typeof readRawStream> | undefined;
  const live = await readRawStream(`${startUrl}/v1/run_workflow`, {
    method: 'POST',
    body: payload,
    onText: (text) => {
      if (follower || eventFramesOf(text).length < 4) return;
      follower = followWhenKnown(`${otherUrl}/v1/runs/${runIdOf(text)}/events`);
    },
  });
  const runId = live.headers.get('x-run-id') as string;
  const frames = eventFramesOf(live.text);
  expectWellFormedStream(receivedOf(live));
  expect(eventFramesOf((await follower!).text)).toEqual(frames.slice(4));
  const replay = await readRawStream(`${otherUrl}/v1/runs/${runId}/events`);
  expect(eventFramesOf(replay.text)).toEqual(frames);
  const status = await fetch(`${otherUrl}/v1/runs/${runId}`);
  expect(status.status).toBe(200);
  expect(await status.json()).toMatchObject({
    run_id: runId,
    status: 'done',
    finish_reason: 'stop',
  });
}
