/** Form values as the schemas expect them: numbers as numbers, euros as cents, local times as ISO. */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : ''; // these forms have no file inputs
}

export function number(form: FormData, name: string): number | undefined {
  const value = text(form, name);
  return value === '' ? undefined : Number(value);
}

export function cents(form: FormData, name: string): number | undefined {
  const euros = number(form, name);
  return euros === undefined ? undefined : Math.round(euros * 100);
}

/** `<input type="datetime-local">` gives local wall time without a zone; the API wants an instant. */
export function isoFromLocal(form: FormData, name: string): string {
  const value = text(form, name);
  const at = new Date(value);
  return value === '' || Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/** The value a datetime-local input shows for an instant, in the browser's zone. */
export function localInputValue(at: Date): string {
  const shifted = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}
