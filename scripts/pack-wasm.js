#!/usr/bin/env node
// Writes the wasm module as a classic script for file:// pages, where a separate .wasm
// cannot be fetched: `MorselWasm = "<bytes>"`, one character per byte, escaping only what
// a string literal needs, saved as ISO-8859-1 (the glue loads it with that charset) so
// each byte stays one byte on disk. Gzipped it is about the size of the .wasm itself,
// where the base64 of emscripten's SINGLE_FILE costs a third more: that matters against
// the runtime's size budget.
// usage: pack-wasm.js IN.wasm OUT.js [GLOBAL] (default MorselWasm; a second module
// names its own, so that two modules loading at once cannot overwrite each other's)
'use strict';
const fs = require('fs');
const [input, output, global = 'MorselWasm'] = process.argv.slice(2);
const bytes = fs.readFileSync(input);
let body = '';
// Bytes are stored shifted by 48: wasm is full of 0x00 and small opcodes, which would
// otherwise all need escapes; measured on this runtime, 48 gives the smallest gzip.
const kOffset = 48;
for (const raw of bytes) {
  const b = (raw + kOffset) & 0xff;
  if (b === 0x22) body += '\\"';
  else if (b === 0x5c) body += '\\\\';
  else if (b === 0x0a) body += '\\n';
  else if (b === 0x0d) body += '\\r';
  else if (b < 0x20 || b === 0x7f) body += '\\x' + b.toString(16).padStart(2, '0');
  else body += String.fromCharCode(b);
}
const script = '/* Morsel runtime (WebAssembly): byte = (char code - 48) & 255. Generated; do not edit. */\n' +
  'var ' + global + ' = "' + body + '";\n';
fs.writeFileSync(output, Buffer.from(script, 'latin1'));
