/** An MCP server answered more bytes than MAX_TOOL_RESPONSE_BYTES (or the spec's limit). */
export class McpAnswerTooLargeError extends Error {
  override readonly name = 'McpAnswerTooLargeError';

  constructor(readonly maxBytes: number) {
    super(`the MCP server's answer exceeded ${maxBytes} bytes`);
  }
}

/**
 * The response with its body cut off by an error once it passes `maxBytes` (`onExceeded` is
 * told): a server must not make us buffer an unbounded answer (the MCP SDK reads whole
 * messages into memory).
 */
export function cappedResponse(
  response: Response,
  maxBytes: number,
  onExceeded: () => void,
): Response {
  if (!response.body) return response;
  let bytes = 0;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (bytes <= maxBytes) return controller.enqueue(chunk);
      controller.error(new McpAnswerTooLargeError(maxBytes));
      onExceeded();
    },
  });
  return new Response(response.body.pipeThrough(limit), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
