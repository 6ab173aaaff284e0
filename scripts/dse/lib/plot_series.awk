# Reads a sweep's results.csv and prints, for one figure, the successful
# points as tab-separated fields: model, primary series (the mapping),
# secondary series (every other column that varies, as key=value), x, top-1 %,
# baseline top-1 %. Seeds are not a series: plot.sh averages over them.
# Variables: x (the x column). With x empty, prints instead every column and
# its number of distinct values among the successful points (for plot.sh to
# choose the figures).

# RFC 4180 fields of `line` into F[1..n]; returns n.
function split_csv(line, F,    i, c, n, field, quoted) {
  n = 0; field = ""; quoted = 0
  for (i = 1; i <= length(line); i++) {
    c = substr(line, i, 1)
    if (quoted) {
      if (c != "\"") field = field c
      else if (substr(line, i + 1, 1) == "\"") { field = field c; i++ }
      else quoted = 0
    } else if (c == "\"") quoted = 1
    else if (c == ",") { F[++n] = field; field = "" }
    else field = field c
  }
  F[++n] = field
  return n
}

# Columns that never name a series: identities, derived values and results.
function is_series_column(name) {
  if (name == x || name == "seed" || name == "point_id" || name == "model" || name == "adc_type") return 0
  if (name == "geometry") return 0  # the object form of a geometry sweep: its rows/cols columns say it
  if (name == "mapping") return 0   # the primary series
  return !(name in RESULT)
}

BEGIN {
  FS = "\n"
  split("top1 top5 baseline_top1 baseline_top5 agreement clip_low_share clip_high_share wall_s program_checksum status error", names, " ")
  for (i in names) RESULT[names[i]] = 1
}

NR == 1 {
  columns = split_csv($0, NAME)
  for (i = 1; i <= columns; i++) COL[NAME[i]] = i
  next
}

{
  n = split_csv($0, F)
  if (F[COL["status"]] != "ok") next
  rows++
  for (i = 1; i <= columns; i++) {
    VALUE[rows, i] = F[i]
    if (!((i, F[i]) in SEEN)) { SEEN[i, F[i]] = 1; DISTINCT[i]++ }
  }
}

END {
  if (x == "") {
    for (i = 1; i <= columns; i++) print NAME[i] "\t" (DISTINCT[i] + 0)
    exit
  }
  # A square crossbar sweep varies rows and cols together: cols is x again.
  square = (x == "geometry.rows" && ("geometry.cols" in COL))
  for (r = 1; r <= rows && square; r++)
    if (VALUE[r, COL["geometry.rows"]] != VALUE[r, COL["geometry.cols"]]) square = 0
  for (r = 1; r <= rows; r++) {
    secondary = ""
    for (i = 1; i <= columns; i++) {
      if (DISTINCT[i] < 2 || !is_series_column(NAME[i])) continue
      if (square && NAME[i] == "geometry.cols") continue
      secondary = secondary (secondary == "" ? "" : " ") NAME[i] "=" VALUE[r, i]
    }
    print VALUE[r, COL["model"]] "\t" VALUE[r, COL["mapping"]] "\t" secondary "\t" VALUE[r, COL[x]] \
      "\t" 100 * VALUE[r, COL["top1"]] "\t" 100 * VALUE[r, COL["baseline_top1"]]
  }
}
