"""Shortens the names of the page's wasm imports: wasm-bindgen names each import after its
function and a 16-digit hash (`__wbg_setAttribute_f75317b2b5cabfb4`), written once in the wasm
import section and once in the JavaScript glue's import object; neither compresses. Each becomes
`w0`, `w1`, ... in both (4.6 KiB gzipped less on the first load), and the import module
(`./deploysim-web_bg.js`, named at every import) becomes `w`. Fails, changing nothing, when the
glue does not name each import exactly once.

Usage: shorten-imports.py DIST WASM JS (file names inside DIST)."""

import base64, hashlib, os, re, sys

def leb(data, i):
    result = shift = 0
    while True:
        b = data[i]; i += 1
        result |= (b & 0x7F) << shift
        if b < 0x80: return result, i
        shift += 7

def enc(n):
    out = bytearray()
    while True:
        b = n & 0x7F; n >>= 7
        if n: out.append(b | 0x80)
        else: out.append(b); return bytes(out)

def name_at(data, i):
    n, i = leb(data, i)
    return data[i:i + n].decode("utf-8"), i + n

def limits_end(data, i):
    flags = data[i]; i += 1
    _, i = leb(data, i)
    if flags & 1: _, i = leb(data, i)
    return i

dist, wasm_file, js_file = sys.argv[1:4]
wasm = open(os.path.join(dist, wasm_file), "rb").read()
js = open(os.path.join(dist, js_file), encoding="utf-8").read()
assert wasm[:8] == b"\0asm\1\0\0\0", "not a wasm module"
out, i, renamed, modules = bytearray(wasm[:8]), 8, {}, set()
while i < len(wasm):
    sid = wasm[i]; size, j = leb(wasm, i + 1); body = wasm[j:j + size]; i = j + size
    if sid != 2:
        out += bytes([sid]) + enc(size) + body; continue
    count, k = leb(body, 0); entries = bytearray(enc(count))
    for _ in range(count):
        module, k = name_at(body, k); name, k = name_at(body, k); start = k
        kind = body[k]; k += 1
        if kind == 0: _, k = leb(body, k)
        elif kind == 1: k = limits_end(body, k + 1)
        elif kind == 2: k = limits_end(body, k)
        elif kind == 3: k += 2
        elif kind == 4: _, k = leb(body, k + 1)
        else: sys.exit(f"{wasm_file}: unknown import kind {kind}")
        if name.startswith("__wbg_") or name.startswith("__wbindgen_"):
            short = renamed.setdefault(name, "w" + format(len(renamed), "x"))
            modules.add(module)
            module = "w"
        else:
            short = name
        for text in (module, short):
            raw = text.encode("utf-8"); entries += enc(len(raw)) + raw
        entries += body[start:k]
    out += bytes([2]) + enc(len(entries)) + entries
if len(modules) != 1:
    sys.exit(f"{wasm_file}: expected wasm-bindgen's imports from one module, found {sorted(modules)}")
key = f'"{modules.pop()}":'
if js.count(key) != 1:
    sys.exit(f"{js_file}: expected the import module {key} once, found it {js.count(key)} times")
js = js.replace(key, '"w":')
for old, new in renamed.items():
    js, count = re.subn(r"(?<![\w$])" + re.escape(old) + r"(?![\w$])", new, js)
    if count != 1:
        sys.exit(f"{js_file}: expected the import {old} once, found it {count} times")
open(os.path.join(dist, wasm_file), "wb").write(out)
open(os.path.join(dist, js_file), "w", encoding="utf-8").write(js)
print(f"{len(renamed)} imports renamed")
