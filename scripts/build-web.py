#!/usr/bin/env python3
"""Builds the release SPA (three bundles) with cargo, wasm-bindgen, wasm-split-cli and wasm-opt: no trunk.

`trunk serve` stays the development loop (frontend/index.html, every page in one wasm); a release
build only needs what trunk would run, so it runs it directly (trunk itself takes minutes to compile).

Bundles (see frontend/src/lib.rs and rc_types::web::WebBundle):
  storefront  dist/                   the `storefront` binary with the `split` feature, split per route
                                      (frontend/src/chunks.rs) by wasm-split-cli into a main module,
                                      one wasm per split point, shared chunks and the JS link module;
  account     dist/bundles/account/   the `account` binary (same build, no split point reached);
  console     dist/bundles/console/   the `console` binary.
Every file is named `<stem>-<16 hex digits of its SHA-256>.<ext>` (served `immutable`); each bundle's
`index.html` is its HTML template in frontend/ with trunk's `data-trunk` links replaced by the built
files, with subresource-integrity hashes.

Usage: build-web.py <dist dir>   (run from the repository root; tools come from PATH)
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

TARGET = "wasm32-unknown-unknown"
PROFILE = "wasm-release"
CARGO_WASM_DIR = os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), TARGET, PROFILE)
WASM_OPT_FEATURES = [
    "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types",
    "--enable-multivalue", "--enable-call-indirect-overlong",
]
LINK_MODULE = "__wasm_split.js"
# The module a split point's loader imports from (only the split storefront may import it).
SPLIT_IMPORT = "__wasm_split_placeholder__"
# Stylesheets and icon every bundle's HTML links (the `data-trunk` links of the templates).
CSS = ["frontend/node_modules/bulma/css/versions/bulma-no-dark-mode.min.css", "frontend/style/app.css"]
ICON = "frontend/assets/favicon.svg"
DATA_TRUNK_LINK = re.compile(r"\s*<link\s+data-trunk\b[^>]*/>", re.S)


def run(*args):
    """Runs a tool, failing the build if it fails."""
    subprocess.run(args, check=True)


def content_hash(data):
    """16 hex digits of the SHA-256 of `data`: the `-<hash>` the server caches as immutable."""
    return hashlib.sha256(data).hexdigest()[:16]


def sri(data):
    """A subresource-integrity value for `data`."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def read(path):
    """The bytes of `path`."""
    with open(path, "rb") as f:
        return f.read()


def hashed_name(file_name, data):
    """`stem-<hash>.ext` (a wasm-bindgen module keeps its `_bg` after the hash, as trunk names it)."""
    stem, ext = os.path.splitext(file_name)
    suffix = "_bg" if stem.endswith("_bg") else ""
    return f"{stem.removesuffix('_bg')}-{content_hash(data)}{suffix}{ext}"


def cargo_build(bins, features=None):
    """Builds the given frontend binaries for wasm32 with the small-wasm profile."""
    args = ["cargo", "build", "--locked", "-p", "rc-frontend", "--target", TARGET, "--profile", PROFILE]
    for name in bins:
        args += ["--bin", name]
    if features:
        args += ["--features", features]
    run(*args)


def imported_modules(wasm):
    """The module names a wasm binary's import section imports from."""
    def leb(i):
        value = shift = 0
        while True:
            byte = wasm[i]
            i += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value, i

    def name(i):
        length, i = leb(i)
        return wasm[i:i + length].decode(), i + length

    modules, i = set(), 8
    while i < len(wasm):
        section, size, i = wasm[i], *leb(i + 1)
        if section == 2:
            count, j = leb(i)
            for _ in range(count):
                module, j = name(j)
                _, j = name(j)
                kind, j = wasm[j], j + 1
                if kind == 0:  # function: type index
                    _, j = leb(j)
                elif kind == 1:  # table: element type, limits
                    j, (flags, j) = j + 1, (wasm[j + 1], j + 2)
                    j = leb(leb(j)[1])[1] if flags & 1 else leb(j)[1]
                elif kind == 2:  # memory: limits
                    flags, j = wasm[j], j + 1
                    j = leb(leb(j)[1])[1] if flags & 1 else leb(j)[1]
                else:  # global: value type, mutability
                    j += 2
                modules.add(module)
            return modules
        i += size
    return modules


def wasm_opt(path):
    """Optimizes a wasm file for size in place (also drops the symbol table wasm-split needed)."""
    run("wasm-opt", "-Oz", *WASM_OPT_FEATURES, path, "-o", path)


def bindgen(wasm, out_dir, name, *extra):
    """wasm-bindgen's web glue for `wasm`: `<out_dir>/<name>.js` and `<name>_bg.wasm`."""
    run("wasm-bindgen", "--target", "web", "--no-typescript", *extra,
        "--out-name", name, "--out-dir", out_dir, wasm)


def plain_bundle(name, work):
    """A bundle's files (name → bytes) and its entry (glue, wasm) file names: one optimized wasm."""
    cargo_wasm = os.path.join(CARGO_WASM_DIR, name + ".wasm")
    if SPLIT_IMPORT in imported_modules(read(cargo_wasm)):
        sys.exit(f"build-web: {cargo_wasm} imports a split chunk but is not split")
    bindgen(cargo_wasm, work, name)
    wasm_path = os.path.join(work, name + "_bg.wasm")
    wasm_opt(wasm_path)
    wasm, glue = read(wasm_path), read(os.path.join(work, name + ".js"))
    wasm_name, glue_name = hashed_name(name + "_bg.wasm", wasm), hashed_name(name + ".js", glue)
    return {wasm_name: wasm, glue_name: glue}, (glue_name, wasm_name)


def split_bundle(bin_name, work):
    """Like `plain_bundle`, for the storefront split per route by wasm-split-cli.

    The link module imports the glue by name and the glue imports the link module by name, so the
    glue and main wasm are named by the hash of cargo's wasm they are made from (the build's input),
    the link module and chunks by their own content."""
    split_dir, bindgen_dir = os.path.join(work, "split"), os.path.join(work, "bindgen")
    cargo_wasm = os.path.join(CARGO_WASM_DIR, bin_name + ".wasm")
    name = f"{bin_name}-{content_hash(read(cargo_wasm))}"
    run("wasm-split-cli", "--out-name", name, cargo_wasm, split_dir)
    # The chunks import the main module's memory, table and functions: keep the linker's exports.
    bindgen(os.path.join(split_dir, name + ".wasm"), bindgen_dir, name, "--keep-lld-exports")
    main_wasm = os.path.join(bindgen_dir, name + "_bg.wasm")
    chunks = sorted(p for p in glob.glob(os.path.join(split_dir, "*.wasm"))
                    if os.path.basename(p) != name + ".wasm")
    for path in [main_wasm, *chunks]:
        wasm_opt(path)

    files = {}
    link = read(os.path.join(split_dir, LINK_MODULE)).decode()
    for path in chunks:
        data = read(path)
        chunk_name = hashed_name(os.path.basename(path), data)
        old = f'"./{os.path.basename(path)}"'
        if old not in link:
            sys.exit(f"build-web: {old} not found in {LINK_MODULE}")
        link = link.replace(old, f'"./{chunk_name}"')
        files[chunk_name] = data
    link_bytes = link.encode()
    link_name = hashed_name(LINK_MODULE, link_bytes)
    files[link_name] = link_bytes

    glue = read(os.path.join(bindgen_dir, name + ".js")).decode()
    # Only the ES imports: the import object's keys stay the module name the wasm imports from.
    glue = re.sub(r"""from\s*(['"])\./__wasm_split\.js\1""", f"from './{link_name}'", glue)
    if link_name not in glue:
        sys.exit(f"build-web: the glue does not import {LINK_MODULE}")
    if f'"./{name}.js"' not in link:
        sys.exit(f"build-web: {LINK_MODULE} does not import ./{name}.js")
    wasm_name, glue_name = name + "_bg.wasm", name + ".js"
    files[wasm_name], files[glue_name] = read(main_wasm), glue.encode()
    return files, (glue_name, wasm_name)


def page(template, public_url, assets, entry):
    """The bundle's index.html: the template's `data-trunk` links replaced by the built files."""
    glue, wasm = entry
    icon = next(n for n in assets if n.startswith("favicon-"))
    tags = [f'<link rel="icon" type="image/svg+xml" href="{public_url}{icon}" />']
    for css_name, data in assets.items():
        if css_name.endswith(".css"):
            tags.append(f'<link rel="stylesheet" href="{public_url}{css_name}" integrity="{sri(data)}" />')
    tags.append(f'<link rel="modulepreload" href="{public_url}{glue}" crossorigin="anonymous" '
                f'integrity="{sri(assets[glue])}" />')
    tags.append(f'<link rel="preload" href="{public_url}{wasm}" crossorigin="anonymous" '
                f'integrity="{sri(assets[wasm])}" as="fetch" type="application/wasm" />')
    tags.append(
        '<script type="module">\n'
        f"import init from '{public_url}{glue}';\n"
        f"await init({{ module_or_path: '{public_url}{wasm}' }});\n"
        "</script>")
    with open(template) as f:
        html = f.read()
    if not DATA_TRUNK_LINK.search(html):
        sys.exit(f"build-web: no data-trunk links in {template}")
    html = DATA_TRUNK_LINK.sub("", html)
    head_end = re.compile(r"\n\s*</head>")
    if not head_end.search(html):
        sys.exit(f"build-web: no </head> in {template}")
    return head_end.sub(lambda _: "\n    " + "\n    ".join(tags) + "\n  </head>", html, count=1)


def write_bundle(dist, template, public_url, files):
    """Writes a bundle's files and index.html into `dist` (replacing what an earlier build left)."""
    static = {}
    for path in [*CSS, ICON]:
        data = read(path)
        static[hashed_name(os.path.basename(path), data)] = data
    files, entry = files
    everything = {**static, **files}
    os.makedirs(dist, exist_ok=True)
    for old in glob.glob(os.path.join(dist, "*")):
        if os.path.isfile(old):
            os.remove(old)
    for file_name, data in everything.items():
        with open(os.path.join(dist, file_name), "wb") as f:
            f.write(data)
    with open(os.path.join(dist, "index.html"), "w") as f:
        f.write(page(template, public_url, everything, entry))
    for file_name in sorted(everything):
        print(f"  {os.path.join(dist, file_name)}: {len(everything[file_name])} bytes")


def main(dist):
    """Builds the three bundles into `dist`."""
    # One build of the library for all three: the account and console binaries never reach a split
    # point, so the linker drops the split loaders from them (checked by `plain_bundle`).
    cargo_build(["storefront", "account", "console"], features="split")
    work = tempfile.mkdtemp(prefix="build-web-")
    try:
        write_bundle(dist, "frontend/storefront.html", "/",
                     split_bundle("storefront", os.path.join(work, "storefront")))
        for name in ["account", "console"]:
            write_bundle(os.path.join(dist, "bundles", name), f"frontend/{name}.html", f"/bundles/{name}/",
                         plain_bundle(name, os.path.join(work, name)))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
