#!/usr/bin/env bash
# Figures of a sweep (docs/dse.md "Plots"): plot.sh results.csv [-o DIR]
# writes DIR/<model>-adc_bits.png, -sigma.png and -size.png with gnuplot, each
# the top-1 accuracy of the successful points against one swept quantity, one
# line per mapping (and per other varied setting), with the exact digital
# baseline as a reference line. A figure whose column the CSV lacks, or holds
# only one value of, is skipped with a note on stderr. Default DIR: the CSV's directory.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

csv="" dir=""
while (($#)); do
  case $1 in
    -o) (($# > 1)) || die 2 "-o needs a directory"; dir=$2; shift ;;
    -h | --help) echo "usage: plot.sh RESULTS.csv [-o DIR]"; exit 0 ;;
    -*) die 2 "unknown option '$1' (usage: plot.sh RESULTS.csv [-o DIR])" ;;
    *) [[ -z $csv ]] || die 2 "more than one CSV ('$csv', '$1')"; csv=$1 ;;
  esac
  shift
done
[[ -n $csv ]] || die 2 "no CSV given (usage: plot.sh RESULTS.csv [-o DIR])"
[[ -f $csv ]] || die 3 "$csv: cannot open (no such file)"
head -n 1 "$csv" | grep -q '^point_id,.*,status,error$' || die 3 "$csv: not a results.csv of sweep.sh (header)"
dir=${dir:-$(dirname "$csv")}
mkdir -p "$dir"

# Columns with their number of distinct values among the successful points.
distinct=$(awk -v x= -f "$dse_dir/lib/plot_series.awk" "$csv")
varies() { awk -F '\t' -v c="$1" '$1 == c && $2 >= 2 { found = 1 } END { exit !found }' <<<"$distinct"; }
first_varying() {
  local c
  for c in "$@"; do varies "$c" && { echo "$c"; return; }; done
  return 0
}
models=$(awk -F '\t' '$1 == "model" { print $2 }' <<<"$distinct")
[[ ${models:-0} -ge 1 ]] || die 3 "$csv: no successful point to plot"

# figure NAME X XLABEL TITLE LOGX XTICS: one PNG per model.
figure() {
  local name=$1 x=$2 xlabel=$3 title=$4 logx=$5 xtics=$6 model rows
  rows=$(awk -v x="$x" -f "$dse_dir/lib/plot_series.awk" "$csv" | sort -t $'\t' -k1,1 -k2,2 -k3,3 -k4,4g)
  cut -f1 <<<"$rows" | sort -u | while IFS= read -r model; do
    awk -F '\t' -v m="$model" '$1 == m' <<<"$rows" |
      awk -v png="$dir/$model-$name.png" -v title="$model: $title" -v xlabel="$xlabel" \
        -v logx="$logx" -v xtics="$xtics" -f "$dse_dir/lib/plot_gnuplot.awk" | gnuplot
    echo "wrote $dir/$model-$name.png"
  done
}

if varies adc.bits; then
  figure adc_bits adc.bits "ADC resolution (bits)" "accuracy vs ADC resolution" 0 1
else
  echo "plot.sh: $csv: no adc.bits column with 2+ values: accuracy vs ADC bits skipped" >&2
fi

sigma=$(first_varying variability.d2d.lrs_ua variability.d2d.hrs_ua variability.c2c.lrs_ua variability.c2c.hrs_ua)
if [[ -n $sigma ]]; then
  kind=${sigma#variability.} # d2d.lrs_ua -> "D2D sigma of LRS cells"
  state=${kind#*.} state=${state%_ua} kind=${kind%%.*}
  what="${kind^^} sigma of ${state^^} cells"
  figure sigma "$sigma" "$what (uA)" "accuracy vs $what" 0 ""
else
  echo "plot.sh: $csv: no variability column with 2+ values: accuracy vs sigma skipped" >&2
fi

size=$(first_varying geometry.rows geometry.cols)
if [[ -n $size ]]; then
  figure size "$size" "crossbar size (${size#geometry.})" "accuracy vs crossbar size" 1 ""
else
  echo "plot.sh: $csv: no geometry column with 2+ values: accuracy vs crossbar size skipped" >&2
fi
