#!/usr/bin/env python3
"""Counts vector and scalar fused multiply-adds in the code C2 compiled, per method: a check that a
loop was vectorised, without hsdis (the JVM then prints each method's machine code as hex, which
objdump from binutils disassembles).

    java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet \
         -XX:CompileCommand=print,io.github.nndsl.core.internal.FloatMatMul::* ... > c2.txt
    python3 benchmarks/c2-vectors.py c2.txt

Prints one line per C2 compilation ('%' marks an on-stack-replacement one): packed fmas on ymm or
zmm registers (vectorised) and scalar ones (vfmadd...ss/sd).
"""
import re
import subprocess
import sys
import tempfile

METHOD = re.compile(
    r"Compiled method \((c\d)\)\s+\d+\s+\d+\s+(%?)\s*\d\s+(\S+).*?\[MachCode\](.*?)\[/MachCode\]", re.S)
LINE = re.compile(r"\s*0x[0-9a-f]+: (.*)")


def machine_code(body):
    data = bytearray()
    for line in body.splitlines():
        m = LINE.match(line)
        if m:
            for word in m.group(1).replace("|", " ").split():
                if re.fullmatch(r"[0-9a-f]+", word) and len(word) % 2 == 0:
                    data += bytes.fromhex(word)
    return bytes(data)


def main(path):
    with open(path) as f:
        text = f.read()
    for compiler, osr, name, body in METHOD.findall(text):
        if compiler != "c2":
            continue
        with tempfile.NamedTemporaryFile(suffix=".bin") as blob:
            blob.write(machine_code(body))
            blob.flush()
            listing = subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", blob.name],
                                     capture_output=True, text=True, check=True).stdout.splitlines()
        vector = sum(1 for l in listing if re.search(r"vfn?m(add|sub)\S*p[sd]\s.*[yz]mm", l))
        scalar = sum(1 for l in listing if re.search(r"vfn?m(add|sub)\S*s[sd]\s", l))
        print(f"{osr:1} {name:64} vector fma {vector:4}  scalar fma {scalar:4}")


if __name__ == "__main__":
    main(sys.argv[1])
