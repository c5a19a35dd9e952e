#!/usr/bin/env python3
"""Splits the storefront bundle that trunk built into its main module and per-route chunks.

trunk builds `storefront.html` with the `split` feature (frontend/src/chunks.rs), which links
the wasm with `--emit-relocs` (frontend/build.rs); this script then takes cargo's wasm and
  1. runs `wasm-split-cli`: the main module plus one wasm per split point (and shared chunks),
     and the JS link module that fetches them,
  2. runs `wasm-bindgen --keep-lld-exports` on the main module (the chunks import its memory,
     table and functions),
  3. optimizes every wasm with `wasm-opt -Oz`,
  4. names chunks and the link module by content hash (served `immutable`), and replaces trunk's
     unsplit glue and wasm in the dist folder under the names its index.html already loads,
     updating their subresource-integrity hashes there.

Usage: split-storefront.py <dist dir> <cargo's storefront.wasm>
"""

import base64
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

WASM_OPT_FEATURES = [
    "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types",
    "--enable-multivalue", "--enable-call-indirect-overlong",
]
LINK_MODULE = "__wasm_split.js"


def run(*args):
    """Runs a tool, failing the build if it fails."""
    subprocess.run(args, check=True)


def content_hash(data):
    """16 hex digits of the SHA-256 of `data`: the `-<hash>` the server caches as immutable."""
    return hashlib.sha256(data).hexdigest()[:16]


def replace_required(text, old, new, where):
    """`text` with every `old` replaced by `new`; exits if there is none."""
    if old not in text:
        sys.exit(f"split-storefront: {old!r} not found in {where}")
    return text.replace(old, new)


def only(dist, pattern):
    """The one file in `dist` matching `pattern`."""
    found = glob.glob(os.path.join(dist, pattern))
    if len(found) != 1:
        sys.exit(f"split-storefront: expected one {pattern} in {dist}, found {found}")
    return found[0]


def sri(data):
    """The subresource-integrity value trunk writes for `data`."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def split(dist, cargo_wasm):
    """Replaces the storefront in `dist` by its split main module and chunks."""
    name = os.path.basename(only(dist, "storefront-*.js"))[: -len(".js")]
    served_wasm = os.path.basename(only(dist, "storefront-*_bg.wasm"))
    work = tempfile.mkdtemp(prefix="split-storefront-")
    try:
        split_dir, bindgen_dir = os.path.join(work, "split"), os.path.join(work, "bindgen")
        run("wasm-split-cli", "--out-name", name, cargo_wasm, split_dir)
        run("wasm-bindgen", "--target", "web", "--no-typescript", "--keep-lld-exports",
            "--out-name", name, "--out-dir", bindgen_dir, os.path.join(split_dir, name + ".wasm"))

        main_wasm = os.path.join(bindgen_dir, name + "_bg.wasm")
        chunks = sorted(p for p in glob.glob(os.path.join(split_dir, "*.wasm"))
                        if os.path.basename(p) != name + ".wasm")
        for path in [main_wasm, *chunks]:
            run("wasm-opt", "-Oz", *WASM_OPT_FEATURES, path, "-o", path)

        with open(os.path.join(split_dir, LINK_MODULE)) as f:
            link = f.read()
        outputs = {}
        for path in chunks:
            with open(path, "rb") as f:
                data = f.read()
            stem = os.path.basename(path)[: -len(".wasm")]
            hashed = f"{stem}-{content_hash(data)}.wasm"
            link = replace_required(link, f'"./{stem}.wasm"', f'"./{hashed}"', LINK_MODULE)
            outputs[hashed] = data
        link_bytes = link.encode()
        link_name = f"__wasm_split-{content_hash(link_bytes)}.js"
        outputs[link_name] = link_bytes

        with open(os.path.join(bindgen_dir, name + ".js")) as f:
            js = f.read()
        # Only the ES imports: the import object's keys stay the module name the wasm imports from.
        js = re.sub(r"""from\s*(['"])\./__wasm_split\.js\1""", f"from './{link_name}'", js)
        if link_name not in js:
            sys.exit(f"split-storefront: the glue does not import {LINK_MODULE}")
        outputs[name + ".js"] = js.encode()
        with open(main_wasm, "rb") as f:
            outputs[served_wasm] = f.read()

        replace_files(dist, outputs)
    finally:
        shutil.rmtree(work)


def replace_files(dist, outputs):
    """Writes `outputs` (file name → bytes) into `dist`, updating index.html's integrity hashes."""
    index_path = os.path.join(dist, "index.html")
    with open(index_path) as f:
        index = f.read()
    for file_name, data in outputs.items():
        path = os.path.join(dist, file_name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                index = index.replace(sri(f.read()), sri(data))
        with open(path, "wb") as f:
            f.write(data)
    with open(index_path, "w") as f:
        f.write(index)
    for file_name in sorted(outputs):
        print(f"  {file_name}: {len(outputs[file_name])} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    split(sys.argv[1], sys.argv[2])
