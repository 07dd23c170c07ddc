/**
 * A strict little XML parser for tests: enough to read JUnit output structurally and to fail on anything a CI
 * system's parser would reject (mismatched tags, bare `&` or `<`, unknown entities, control characters).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*/;

export function parseXml(xml: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) throw new Error('control character in XML');
  let pos = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  const skipSpace = () => {
    while (/\s/.test(xml[pos] ?? '')) pos++;
  };
  const decode = (raw: string) => {
    if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`bad character data at ${pos}: ${raw.slice(0, 40)}`);
    return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
      e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!,
    );
  };
  const element = (): XmlElement => {
    if (xml[pos] !== '<') throw new Error(`expected < at ${pos}`);
    pos++;
    const name = NAME.exec(xml.slice(pos))?.[0];
    if (!name) throw new Error(`expected a tag name at ${pos}`);
    pos += name.length;
    const el: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', pos)) return (pos += 2), el;
      if (xml[pos] === '>') break;
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(pos));
      if (!attr) throw new Error(`bad attribute in <${name}> at ${pos}`);
      if (attr[1]! in el.attributes) throw new Error(`duplicate attribute ${attr[1]}`);
      el.attributes[attr[1]!] = decode(attr[3] ?? attr[4] ?? '');
      pos += attr[0].length;
    }
    pos++;
    for (;;) {
      const next = xml.indexOf('<', pos);
      if (next < 0) throw new Error(`unclosed <${name}>`);
      el.text += decode(xml.slice(pos, next));
      pos = next;
      if (xml.startsWith('</', pos)) {
        const close = `</${name}>`;
        if (!xml.startsWith(close, pos)) throw new Error(`expected ${close} at ${pos}`);
        pos += close.length;
        return el;
      }
      if (xml.startsWith('<!--', pos)) pos = xml.indexOf('-->', pos) + 3;
      else el.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== xml.length) throw new Error(`content after the root element at ${pos}`);
  return root;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
