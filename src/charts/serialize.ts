/**
 * A small XML serialiser for the SVG tree Plot builds. linkedom writes HTML: it leaves `<`, `>` and
 * `&` raw inside attribute values, which lets an untrusted label close the `<svg>` early and makes a
 * standalone `.svg` file ill-formed. Owning the few lines of serialisation fixes escaping and the
 * precision of coordinates in one pass.
 */

/** The SVG namespace, written on the root so the string is also a valid standalone file. */
export const SVG_NS = 'http://www.w3.org/2000/svg';

// Characters XML 1.0 forbids even when escaped; untrusted labels may carry them.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Whether a string holds anything escapeText or escapeAttribute would change: most labels and
// every coordinate do not, and one test is much cheaper than the chain of replacements.
const NEEDS_TEXT_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_ATTRIBUTE_ESCAPE = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text for an XML text node. */
export function escapeText(text: string): string {
  if (!NEEDS_TEXT_ESCAPE.test(text)) return text;
  return text.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted XML attribute value. */
export function escapeAttribute(text: string): string {
  if (!NEEDS_ATTRIBUTE_ESCAPE.test(text)) return text;
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

// Geometry attributes whose numbers Plot writes with up to 17 digits; a tenth of a pixel is invisible.
const GEOMETRY = new Set(['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'points', 'viewBox']);

/**
 * Rounds every decimal number in an attribute value to one decimal, e.g. `M40,370.60606` → `M40,370.6`.
 * Font-relative offsets (`0.32em`) are left alone: a tenth of an em is not a tenth of a pixel.
 */
export function roundNumbers(value: string): string {
  // A number with a fraction has a dot; most values of a chart (integers, ids) have none.
  if (!value.includes('.')) return value;
  return value.replace(/-?(?:\d+\.\d+|\.\d+)(?:e-?\d+)?(?![\d.]|em)/gi, (match) => {
    const rounded = Math.round(Number(match) * 10) / 10;
    return Object.is(rounded, -0) ? '0' : String(rounded);
  });
}

interface XmlNode {
  nodeType: number;
  nodeValue?: string | null;
  childNodes: ArrayLike<XmlNode>;
  localName?: string;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

/** Serialises an element tree as XML: escaped text and attributes, rounded geometry, empty tags closed. */
export function serialize(node: XmlNode): string {
  const out = { text: '' };
  const links = linkedomLinks(node);
  if (links) writeLinked(node as unknown as Linked, links, out);
  else write(node, out);
  return out.text;
}

// What the writers append to: one string grown in place (V8 joins the pieces once, when it is read).
interface Out {
  text: string;
}

function write(node: XmlNode, out: Out): void {
  if (node.nodeType === 3) {
    out.text += escapeText(node.nodeValue ?? '');
    return;
  }
  if (node.nodeType !== 1) return;
  const name = node.localName ?? '';
  out.text += `<${name}`;
  // linkedom lists attributes newest first; read backwards, they come in the order Plot set them.
  const attributes = node.attributes;
  if (attributes) {
    for (let i = attributes.length - 1; i >= 0; i--) {
      const { name: attr, value } = attributes[i]!;
      writeAttribute(attr, value, out);
    }
  }
  const children = node.childNodes;
  if (children.length === 0) {
    out.text += '/>';
    return;
  }
  out.text += '>';
  for (let i = 0; i < children.length; i++) write(children[i]!, out);
  out.text += `</${name}>`;
}

function writeAttribute(name: string, value: string, out: Out): void {
  out.text += ` ${name}="${escapeAttribute(GEOMETRY.has(name) ? roundNumbers(value) : value)}"`;
}

// linkedom keeps a whole document as one doubly linked list: an element, then its attributes
// (newest first), its children, and an end node. Walking that list directly is the same tree as
// `attributes` and `childNodes`, which build an array (and a Proxy) on every read: a third of the
// time of serialising a chart went there.
interface Linked {
  nodeType: number;
  localName?: string;
  nodeValue?: string | null;
  name?: string;
  value?: string;
  [key: symbol]: Linked;
}

interface Links {
  next: symbol;
  end: symbol;
}

let known: Links | null | undefined;

// The symbols linkedom links its nodes with (module-private, found by their description on an element); null for any other DOM.
function linkedomLinks(node: XmlNode): Links | null {
  if (known !== undefined) return known && node.nodeType === 1 && (node as unknown as Linked)[known.end] ? known : null;
  if (node.nodeType !== 1) return null;
  const symbols = Object.getOwnPropertySymbols(node);
  const next = symbols.find((s) => s.description === 'next');
  const end = symbols.find((s) => s.description === 'end');
  known = next && end ? { next, end } : null;
  return linkedomLinks(node);
}

const ATTRIBUTE = 2;
const END_NODE = -1;

/**
 * The first element below `root` (in document order, `root` itself left out) with an attribute that
 * passes `test`, or null: one walk over the tree instead of a selector and a lookup per name.
 */
export function firstElementWith(root: Element, test: (name: string, value: string) => boolean): Element | null {
  const links = linkedomLinks(root as unknown as XmlNode);
  if (!links) {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      for (const { name, value } of Array.from(element.attributes)) if (test(name, value)) return element;
    }
    return null;
  }
  const { next: NEXT, end: END } = links;
  const last = (root as unknown as Linked)[END];
  let element: Linked | null = null;
  for (let node = (root as unknown as Linked)[NEXT]!; node !== last; node = node[NEXT]!) {
    if (node.nodeType === 1) element = node;
    else if (node.nodeType === ATTRIBUTE && element && test(node.name!, node.value!)) return element as unknown as Element;
  }
  return null;
}

function writeLinked(root: Linked, { next: NEXT, end: END }: Links, out: Out): void {
  const last = root[END];
  // The elements whose start tag was written and whose end node is still ahead.
  const open: string[] = [];
  let node: Linked = root;
  for (;;) {
    if (node.nodeType === 1) {
      const name = node.localName ?? '';
      out.text += `<${name}`;
      let after = node[NEXT]!;
      if (after.nodeType === ATTRIBUTE) {
        const attributes: Linked[] = [];
        while (after.nodeType === ATTRIBUTE) {
          attributes.push(after);
          after = after[NEXT]!;
        }
        // Newest first in the list; written in the order Plot set them.
        for (let i = attributes.length - 1; i >= 0; i--) writeAttribute(attributes[i]!.name!, attributes[i]!.value!, out);
      }
      if (after === node[END]) {
        out.text += '/>';
        if (after === last) return;
        node = after[NEXT]!;
        continue;
      }
      out.text += '>';
      open.push(name);
      node = after;
      continue;
    }
    if (node.nodeType === END_NODE) {
      out.text += `</${open.pop()!}>`;
      if (node === last) return;
    } else if (node.nodeType === 3) {
      out.text += escapeText(node.nodeValue ?? '');
    }
    node = node[NEXT]!;
  }
}
