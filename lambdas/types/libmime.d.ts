/** The part of libmime's API Mailwright uses (the package ships no types). */
declare module 'libmime' {
  /** A structured header value: the part before the first `;`, and the parameters by lower-case name. */
  interface StructuredHeaderValue {
    value: string | false;
    params: Record<string, string>;
  }
  interface Libmime {
    /** Parses `value; name=value; …`, joining RFC 2231 continuations and decoding their charsets. */
    parseHeaderValue(value: string): StructuredHeaderValue;
  }
  const libmime: Libmime;
  export default libmime;
}
