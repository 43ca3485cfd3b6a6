#!/usr/bin/env python3
# Writes the large inputs of parse-large.mlir (too big to keep as files):
# dense hex constants above the size the lexer decodes while it scans, and a
# file of several MB whose source the parser hands back while it reads.
#   large_inputs.py KIND OUT
import random
import sys

N = 40000  # bytes of dense data: 80,000 hex digits, above the 64 KiB mark


def data():
    return random.Random(7).randbytes(N).hex()


def hex_ok(out):
    h = data()
    # Lowercase in, uppercase out; an i1 tensor packs eight elements a byte.
    out.append("\"t.c\"() {v = dense<\"0x%s\"> : tensor<%dxi8>} : () -> ()" % (h, N))
    out.append("\"t.c\"() {v = dense<\"0x%s\"> : tensor<%dxi1>} : () -> ()" % (h, N * 8 - 3))
    out.append("\"t.c\"() <{p = dense<\"0x%s\"> : tensor<%dxi16>}> : () -> ()" % (h, N // 2))
    out.append("\"t.c\"() {v = dense<1> : tensor<%dxi8>} : () -> ()" % N)


def hex_ok_expected(out):
    """What ipu-opt --mlir-print-op-generic prints for hex-ok."""
    h = data().upper()
    # The last byte of the i1 data keeps its 5 elements' bits only.
    last = "%02X" % (int(h[-2:], 16) & 0x1F)
    out.append("\"builtin.module\"() ({")
    out.append("  \"t.c\"() {v = dense<\"0x%s\"> : tensor<%dxi8>} : () -> ()" % (h, N))
    out.append("  \"t.c\"() {v = dense<\"0x%s\"> : tensor<%dxi1>} : () -> ()" % (h[:-2] + last, N * 8 - 3))
    out.append("  \"t.c\"() <{p = dense<\"0x%s\"> : tensor<%dxi16>}> : () -> ()" % (h, N // 2))
    out.append("  \"t.c\"() {v = dense<1> : tensor<%dxi8>} : () -> ()" % N)
    out.append("}) : () -> ()")


def hex_bad(out):
    h = data()
    cases = [
        ("expected string containing hex digits starting with `0x`",
         h[:50000] + "zz" + h[50002:], "i8", N),
        ("elements hex data size is invalid for provided type: 'tensor<40000xi8>'",
         h + "a", "i8", N),
        ("elements hex data size is invalid for provided type: 'tensor<40001xi8>'",
         h, "i8", N + 1),
        ("expected string containing hex digits starting with `0x`",
         h + "\\n", "i8", N),
        ("expected string containing hex digits starting with `0x`",
         h[:70000] + "\\t" + h[70002:], "i8", N),
    ]
    for i, (msg, body, elem, n) in enumerate(cases):
        if i:
            out.append("// -----")
        out.append("// expected-error @+1 {{%s}}" % msg)
        out.append("\"t.c\"() {v = dense<\"0x%s\"> : tensor<%dx%s>} : () -> ()" % (body, n, elem))
    out.append("// -----")
    # Lexical errors inside a huge string still point at their place.
    out.append("// expected-error @+1 {{expected '\"' in string literal}}")
    out.append("\"t.c\"() {v = dense<\"0x%s" % h)


def streaming(out):
    # An error found at the end of a 3 MB function about its second line:
    # the diagnostic shows that line although the parser let it go.
    out.append("func.func @f(%a: i32) {")
    out.append("  %x = \"t.a\"(%undefined) : (i32) -> i32")
    for i in range(40000):
        out.append("  %%v%d = \"t.op\"(%%a) {name = \"some/longer/name/%d\"} : (i32) -> i32" % (i, i % 7))
    out.append("  return")
    out.append("}")


def main():
    kind, path = sys.argv[1], sys.argv[2]
    out = []
    {"hex-ok": hex_ok, "hex-ok-expected": hex_ok_expected, "hex-bad": hex_bad,
     "streaming": streaming}[kind](out)
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
