#!/usr/bin/env bash
# Generates the small media the mock serves from GET /v1/videos/{id}/content, into
# fixtures/media/ (committed). Run once after changing fixtures/providers.json:
#
#   scripts/make-media.sh
#
# Every job gets one of a few looks (ocean, sunset, forest, paper: a background, an accent, a
# motion and a tone, each clearly different at a glance), picked from the job id by the media
# library. For every size and duration in the provider catalog, and every look, it writes
#   video-<W>x<H>-<N>s-<look>.mp4        H.264 at <W>x<H>, 2 fps, and mono AAC-LC (8 kHz) with
#                                        a tick of the look's tone each second; exactly <N>
#                                        seconds, +faststart
# for every size and look
#   thumbnail-<W>x<H>-<look>.webp        one frame, <W>x<H>
# and for every size and duration (one look per duration: the sheets are the biggest files)
#   spritesheet-<W>x<H>-<N>s.jpg         4x4 tiles of <W/8>x<H/8> (a scrub preview's size, so
#                                        the sheet is <W/2>x<H/2>), tile i showing the video at
#                                        i*N/16 seconds, labelled with that time
#
# Reproducible: generated patterns (no randomness), a font file named by path, bit-exact
# muxers and encoders, no metadata, one thread per encoder (x264's output depends on its
# thread count). Idempotent: everything is rebuilt in a scratch folder that then replaces
# fixtures/media. Needs Debian's ffmpeg and fonts-dejavu-core, and node (to read the catalog).
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

# name background accent text-colour tone-Hz motion: x and y of the accent square, where T goes
# from 0 to 1 over the video (no commas: they would need escaping in the filtergraph).
looks=(
  "ocean  0x203a5c 0xf2a541 white    440 (W-w)*T H*0.42"
  "sunset 0x6b2348 0xffd23f white    554 (W-w)*0.5 (H-h)*T"
  "forest 0x2e7d32 0xf4f1de white    659 (W-w)*T (H-h)*T"
  "paper  0xe9e4d8 0xd1495b 0x1d1d1d 880 (W-w)*(0.5+0.4*sin(2*PI*T)) (H-h)*(0.5+0.4*cos(2*PI*T))"
)
look_names() { for look in "${looks[@]}"; do echo "${look%% *}"; done; }

scratch="$(mktemp -d "$root/fixtures/.media.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# A filtergraph drawing one look at <size> for <secs> seconds at <rate> frames a second: the
# background (the forest look with a grid, so it differs in shape too), the look's name big, a
# caption naming the file, the accent square moving over the whole duration, and <counter>
# (drawtext text) big.
pattern() {
  local look=$1 size=$2 secs=$3 rate=$4 caption=$5 counter=$6
  local name background accent ink tone x y
  read -r name background accent ink tone x y <<<"$look"
  local text="fontfile=$font:fontcolor=$ink:x=(w-tw)/2"
  local grid=""
  [ "$name" = forest ] && grid="drawgrid=w=iw/8:h=iw/8:t=2:c=0x43a047,"
  local progress="(t/$secs)"
  echo "color=c=$background:size=$size:rate=$rate:duration=$secs,${grid}format=yuv420p[bg];" \
       "color=c=$accent:size=$size:rate=$rate:duration=$secs,crop=ih/6:ih/6[box];" \
       "[bg][box]overlay=x='${x//T/$progress}':y='${y//T/$progress}':shortest=1," \
       "drawtext=$text:text='$name':fontsize=min(w\\,h)/8:y=h*0.08," \
       "drawtext=$text:text='video-jobs-mock  $caption':fontsize=min(w\\,h)/20:y=h*0.08+min(w\\,h)/6," \
       "drawtext=$text:text='$counter':fontsize=min(w\\,h)/6:y=h*0.68,format=yuv420p"
}

# A tick of the look's tone for the first tenth of every second, silence between: something to
# hear (and mute) that also shows whether sound and picture stay in step. (The sine source is
# at 1/8 of full scale; doubled, the tick peaks at -12 dBFS.)
tone() {
  local hz=$1 secs=$2
  echo "sine=f=$hz:sample_rate=8000:duration=$secs,volume='if(lt(mod(t\\,1)\\,0.1)\\,2\\,0)':eval=frame"
}

bitexact=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1)
encode() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
whole_seconds='%{eif\:t\:d} s'
# 3.75 s: seconds and hundredths (t is exact: the sheet's frames are i*N/16).
hundredths='%{eif\:floor(t+0.0001)\:d}.%{eif\:mod(floor(t*100+0.5)\,100)\:d\:2} s'

for size in $sizes; do
  width=${size%x*}
  height=${size#*x}
  for look in "${looks[@]}"; do
    read -r name _ _ _ hz _ <<<"$look"
    for secs in $seconds; do
      encode -f lavfi -i "$(pattern "$look" "$size" "$secs" "$fps" "$size  ${secs} s" "$whole_seconds")" \
        -f lavfi -i "$(tone "$hz" "$secs")" \
        -c:v libx264 -preset veryslow -crf 38 -threads 1 -pix_fmt yuv420p \
        -c:a aac -aac_coder fast -b:a 4k -ac 1 -threads 1 \
        -movflags +faststart "${bitexact[@]}" "$scratch/video-$size-${secs}s-$name.mp4"
    done
    encode -f lavfi -i "$(pattern "$look" "$size" 4 "$fps" "$size  thumbnail" "$whole_seconds")" \
      -vf "select=eq(n\\,3)" -frames:v 1 \
      -c:v libwebp -quality 60 -compression_level 6 -threads 1 "${bitexact[@]}" "$scratch/thumbnail-$size-$name.webp"
  done
  # One look per duration, taking turns, so each look shows up in a sheet and the folder stays small.
  turn=0
  for secs in $seconds; do
    look=${looks[$((turn % ${#looks[@]}))]}
    turn=$((turn + 1))
    encode -f lavfi -i "$(pattern "$look" "$((width / 8))x$((height / 8))" "$secs" "16/$secs" "$size  ${secs} s" "$hundredths")" \
      -vf tile=4x4 -frames:v 1 \
      -c:v mjpeg -q:v 12 -pix_fmt yuvj420p -threads 1 "${bitexact[@]}" "$scratch/spritesheet-$size-${secs}s.jpg"
  done
done

rm -rf "$out"
mv "$scratch" "$out"
chmod 755 "$out"
trap - EXIT
echo "make-media: wrote $(ls "$out" | wc -l) files, $(du -sh --apparent-size "$out" | cut -f1) in ${out#"$root"/} (looks: $(look_names | tr '\n' ' '))"
