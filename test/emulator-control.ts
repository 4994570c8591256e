// The emulator's control API as tests call it: JSON in and out, throwing on an error status.
export function emulatorControl(emulatorUrl: string) {
  return async function control(pathname: string, body?: unknown, method?: string): Promise<any> {
    const response = await fetch(`${emulatorUrl}/_emulator${pathname}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (response.status >= 400) throw new Error(`${pathname}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
}
