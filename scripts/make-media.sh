#!/usr/bin/env bash
# Generates the small media the mock serves from GET /v1/videos/{id}/content, into
# fixtures/media/ (committed). Run once after changing fixtures/providers.json:
#
#   scripts/make-media.sh
#
# For every size and every duration in the provider catalog it writes
#   video-<W>x<H>-<N>s.mp4     H.264, <W>x<H>, exactly <N> seconds (2 fps, no audio, +faststart)
# and for every size
#   thumbnail-<W>x<H>.webp     one frame, <W>x<H>
#   spritesheet-<W>x<H>.jpg    4x4 frames of <W/4>x<H/4>, so the sheet is <W>x<H> too
#
# Reproducible: a generated pattern (no randomness), a font file named by path, bit-exact
# muxers, no metadata, one encoder thread (x264's output depends on its thread count).
# Idempotent: everything is rebuilt in a scratch folder that then replaces fixtures/media.
# Needs Debian's ffmpeg and fonts-dejavu-core, and node (to read the catalog).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
catalog="$root/fixtures/providers.json"
out="$root/fixtures/media"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
fps=2

command -v ffmpeg >/dev/null || { echo "make-media: ffmpeg not found (apt-get install ffmpeg)" >&2; exit 1; }
command -v node >/dev/null || { echo "make-media: node not found" >&2; exit 1; }
[ -r "$font" ] || { echo "make-media: $font not found (apt-get install fonts-dejavu-core)" >&2; exit 1; }

# Every distinct size and duration any model in the catalog can ask for.
read_catalog() {
  node -e '
    const catalog = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const models = catalog.providers.flatMap((p) => p.models);
    const unique = (xs) => [...new Set(xs)].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    console.log(unique(models.flatMap((m) => m[process.argv[2]])).join(" "));
  ' "$catalog" "$1"
}
sizes=$(read_catalog sizes)
seconds=$(read_catalog seconds)

scratch="$(mktemp -d "$root/fixtures/.media.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# A filtergraph drawing <size> for <secs> seconds: a dark blue field, a caption naming what
# this is, an orange square crossing from left to right, and a seconds counter.
pattern() {
  local size=$1 secs=$2 caption=$3
  local text="fontfile=$font:fontcolor=white:x=(w-tw)/2"
  echo "color=c=0x203a5c:size=$size:rate=$fps:duration=$secs[bg];" \
       "color=c=0xf2a541:size=$size:rate=$fps:duration=$secs,crop=ih/6:ih/6[box];" \
       "[bg][box]overlay=x=(W-w)*t/$secs:y=H*0.42:shortest=1," \
       "drawtext=$text:text='video-jobs-mock':fontsize=min(w\\,h)/12:y=h*0.10," \
       "drawtext=$text:text='$caption':fontsize=min(w\\,h)/16:y=h*0.10+min(w\\,h)/9," \
       "drawtext=$text:text='%{eif\\:t\\:d} s':fontsize=min(w\\,h)/7:y=h*0.68,format=yuv420p"
}

bitexact=(-fflags +bitexact -flags:v +bitexact -map_metadata -1)

for size in $sizes; do
  width=${size%x*}
  height=${size#*x}
  for secs in $seconds; do
    ffmpeg -hide_banner -loglevel error -nostdin -y \
      -f lavfi -i "$(pattern "$size" "$secs" "$size  ${secs} s")" \
      -c:v libx264 -preset veryslow -crf 38 -threads 1 -pix_fmt yuv420p \
      -movflags +faststart "${bitexact[@]}" "$scratch/video-$size-${secs}s.mp4"
  done
  ffmpeg -hide_banner -loglevel error -nostdin -y \
    -f lavfi -i "$(pattern "$size" 4 "$size  thumbnail")" -vf "select=eq(n\\,3)" -frames:v 1 \
    -c:v libwebp -quality 60 -compression_level 6 -threads 1 "${bitexact[@]}" "$scratch/thumbnail-$size.webp"
  ffmpeg -hide_banner -loglevel error -nostdin -y \
    -f lavfi -i "$(pattern "$size" 8 "$size  spritesheet")" \
    -vf "scale=$((width / 4)):$((height / 4)),tile=4x4" -frames:v 1 \
    -c:v mjpeg -q:v 8 -pix_fmt yuvj420p -threads 1 "${bitexact[@]}" "$scratch/spritesheet-$size.jpg"
done

rm -rf "$out"
mv "$scratch" "$out"
chmod 755 "$out"
trap - EXIT
echo "make-media: wrote $(ls "$out" | wc -l) files, $(du -sh "$out" | cut -f1) in ${out#"$root"/}"
