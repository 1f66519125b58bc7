// Small string helpers of the widget.

// Cuts a string to at most `max` bytes of UTF-8 without splitting a character: the server
// counts bytes (256 for a query, 500 for a reason) and would refuse a longer one.
export function clipBytes(text, max) {
  const encoder = new TextEncoder();
  while (encoder.encode(text).length > max) text = text.slice(0, -1);
  return text;
}

// '{n} results' with {n} = 5.
export function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (_, key) => vars[key]);
}
