#!/usr/bin/env bash
# The requests the fuzz of issue 12 found costly or broken, timed against a fresh server: a
# 176-byte design space of a million designs, a step of 1e-300, base ids of 122,000 and 123,000
# characters against 500 saved scenarios, an emoji at a reader's buffer boundary, a body that is
# not UTF-8, and the store's growth from twenty 1 MB simulations. Starts `ironworks serve` on a
# free loopback port with a fresh data directory and stops it; prints status and seconds for each.
#   bash bench/request-bounds.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_cli request-bounds.sh
serve request-bounds.sh
echo "server $url"

# post LABEL PATH FILE: the status and the seconds the answer took.
post() {
  local out
  out="$(curl -s -o "$data/answer" -w '%{http_code} %{time_total}' --max-time 120 \
    -H 'Content-Type: application/yaml' --data-binary "@$3" "$url${2#/}")"
  printf '%-58s %s s  %s\n' "$1" "${out#* }" "HTTP ${out%% *}"
}
repeat() { head -c "$2" /dev/zero | tr '\0' "$1"; }

printf 'base: gpt3-training-base\naxes:\n  site.electricityUsdPerKwh: {from: 0.000001, to: 1.0, step: 0.000001}\n' \
  >"$data/space176.yaml"
echo "(the space is $(wc -c <"$data/space176.yaml") bytes with this base id)"
for i in 1 2 3; do post "a million-design space, try $i" /api/sweep "$data/space176.yaml"; done
{
  printf 'base: gpt3-training-base\naxes:\n'
  printf '  site.electricityUsdPerKwh: {from: 0.000001, to: 1.0, step: 0.000001}\n'
  printf '  site.pue: {from: 1.0, to: 2.0, step: 0.000001}\n'
  printf '  site.carbonFreeEnergyFraction: {from: 0, to: 0.999999, step: 0.000001}\n'
} >"$data/space3.yaml"
post "three million-value axes" /api/sweep "$data/space3.yaml"
printf 'base: gpt3-training-base\naxes:\n  site.pue: {from: 1.1, to: 1.2, step: 1e-300}\n' >"$data/tiny.yaml"
post "a step of 1e-300" /api/sweep "$data/tiny.yaml"
grep -o '"message" : "[^"]*' "$data/answer" | head -1 | cut -c14-

scenario="examples/h100-1024-training-cluster.yaml"
for i in $(seq 1 500); do
  sed "s/^name: .*/name: saved-$i/" "$scenario" >"$data/s.yaml"
  curl -s -o /dev/null --data-binary "@$data/s.yaml" "${url}api/scenarios"
done
echo "saved 500 scenarios"
for n in 122000 123000 1000000; do
  { printf 'base: '; repeat a $((n - 64)); printf '\naxes:\n  cluster.count: [1, 2]\n'; } >"$data/id.yaml"
  post "a base id of $((n - 64)) characters" /api/sweep "$data/id.yaml"
  echo "  answer $(wc -c <"$data/answer") bytes"
done
echo "  server log $(wc -c <"$log") bytes"

{ printf '#'; repeat a 1022; printf '\xf0\x9f\x98\x80\n'; cat "$scenario"; } >"$data/emoji.yaml"
post "an emoji at offset 1023" /api/plan "$data/emoji.yaml"
{ printf 'name: caf\xe9\n'; cat "$scenario"; } >"$data/latin1.yaml"
post "Latin-1 bytes" /api/plan "$data/latin1.yaml"

before=$(du -sb "$data/store" | cut -f1)
{ printf '#'; repeat x 1000000; printf '\n'; cat "$scenario"; } >"$data/big.yaml"
for i in $(seq 1 20); do
  curl -s -o /dev/null "${url}api/simulate?trials=5" --data-binary "@$data/big.yaml"
done
after=$(du -sb "$data/store" | cut -f1)
echo "twenty 1 MB simulations grew the store by $(((after - before) / 1024)) KiB"
