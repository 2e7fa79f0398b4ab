// Text and attribute values written into HTML by hand (mail, Markdown output, the LTI error page,
// the exam's question grid): the five characters that could end a text or a quoted attribute.
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
