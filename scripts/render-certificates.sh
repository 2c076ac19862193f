#!/bin/sh
# Render one certificate of each kind and the exemption letter, then turn
# each page into a PNG for a look: target/certificate-previews/*.png.
# Needs poppler-utils (pdftoppm). Honours CARGO_TARGET_DIR for the build;
# the previews always go under ./target/certificate-previews.
set -eu
cd "$(dirname "$0")/.."
out=target/certificate-previews
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.pdf
cargo run --quiet -p desk --example render_certificates -- "$out"
for pdf in "$out"/*.pdf; do
    pdftoppm -png -r 80 "$pdf" "${pdf%.pdf}"
done
ls -1 "$out"/*.png
