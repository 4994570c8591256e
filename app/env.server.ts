// The app's configuration, parsed once when the server starts (see config/env.ts).
import { parseEnv } from "./config/env";

export const env = parseEnv(process.env);
