/** Normalising what users type or paste: full-width digits and letters, every kind of space. */

/** Full-width ASCII (Ｕ+FF01..FF5E) to half-width, ideographic space to a plain one. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(text: string): string {
  // most text has none: a test costs far less than two replaces with a callback (an import runs this on every cell)
  if (!FULL_WIDTH.test(text)) return text;
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

const SPACE = /[\s\u00A0\u3000\u200B-\u200D\uFEFF]/;
const SPACES = new RegExp(SPACE.source, 'g');

/** Every kind of space (incl. U+00A0, U+3000, zero-width ones) removed. */
export function stripAllSpaces(text: string): string {
  // an import runs this on every cell, and most hold no space: testing is cheaper than replacing
  return SPACE.test(text) ? text.replace(SPACES, '') : text;
}

const OTHER_DOT = /[•‧∙・．.]/;
const OTHER_DOTS = new RegExp(OTHER_DOT.source, 'g');

/** A person's name as stored: no spaces of any kind; the middle dot of names like 买买提·艾力 kept and unified. */
export function cleanPersonName(text: string): string {
  const name = stripAllSpaces(text);
  return OTHER_DOT.test(name) ? name.replace(OTHER_DOTS, '·') : name;
}

/** A name usable as a file name on Windows and Linux: characters they refuse, and spaces, become '_'. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}
