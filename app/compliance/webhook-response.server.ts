// Turns a compliance handler's outcome into the webhook's HTTP answer.
import { InvalidPayloadError } from "./compliance.server";

export async function answer(work: () => Promise<void>): Promise<Response> {
  try {
    await work();
    return new Response();
  } catch (error) {
    if (error instanceof InvalidPayloadError) {
      return Response.json({ error: "invalid_payload", message: error.message }, { status: 400 });
    }
    throw error;
  }
}
