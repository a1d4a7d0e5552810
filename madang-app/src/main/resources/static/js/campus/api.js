// Calls of the campus APIs from the signed-in session: the twins under /campus/api (the /api ones are stateless);
// changes carry the CSRF header whose name and value the page puts on #campus (data-csrf-header, data-csrf-token).
const holder = document.querySelector('[data-csrf-header]');

/** A problem+json answer as an error: its sentence, and where (field, line, column) when the server said. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.field = problem.field;
    this.line = problem.line;
    this.column = problem.column;
  }
}

export async function api(method, url, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET' && holder) headers[holder.dataset.csrfHeader] = holder.dataset.csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}
