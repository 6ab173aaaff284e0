# Turns plot_series.awk's lines for one model, sorted by series and then x,
# into a gnuplot script: one line per series (mean over seeds, with min-max
# error bars when a point has several), colour by mapping, dash pattern by
# the secondary series, and the exact baseline as a dashed black line.
# The y axis starts at the 10 % step below the lowest point or baseline.
# Variables: png, title, xlabel, logx (1: log2 x axis), xtics (gnuplot tic spec or "").

BEGIN { FS = "\t" }

{
  series = $2 "\t" $3
  if (!(series in SERIES)) { SERIES[series] = ++nseries; NAME[nseries] = series }
  if (!($2 in PRIMARY)) PRIMARY[$2] = ++nprimary
  if (!($3 in SECONDARY)) SECONDARY[$3] = ++nsecondary
  key = SERIES[series] SUBSEP $4
  if (!(key in COUNT)) { XS[SERIES[series], ++NX[SERIES[series]]] = $4; MIN[key] = $5; MAX[key] = $5 }
  COUNT[key]++; SUM[key] += $5
  if (rows == 0 || $5 < ylow) ylow = $5
  if ($5 < MIN[key]) MIN[key] = $5
  if ($5 > MAX[key]) MAX[key] = $5
  if (COUNT[key] > 1) spread = 1
  baseline += $6; rows++
}

function quote(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }

END {
  print "set terminal pngcairo size 960,600 noenhanced font \",11\""
  print "set output " quote(png)
  print "set title " quote(title)
  print "set xlabel " quote(xlabel)
  print "set ylabel \"top-1 accuracy (%)\""
  # From the 10 % step below the lowest point (or the baseline) up to 100 %.
  if (baseline / rows < ylow) ylow = baseline / rows
  printf "set yrange [%d:100]\n", int(ylow / 10) * 10
  print "set grid"
  print "set key outside right top"
  if (logx) print "set logscale x 2"
  if (xtics != "") print "set xtics " xtics
  for (s = 1; s <= nseries; s++) {
    print "$s" s " << EOD"
    for (j = 1; j <= NX[s]; j++) {
      key = s SUBSEP XS[s, j]
      print XS[s, j], SUM[key] / COUNT[key], MIN[key], MAX[key]
    }
    print "EOD"
  }
  style = spread ? "yerrorlines" : "linespoints"
  plot = "plot"
  for (s = 1; s <= nseries; s++) {
    split(NAME[s], part, "\t")
    label = part[1] (part[2] == "" ? "" : " " part[2])
    gsub(/variability\./, "", label)  # the figure is about variability anyway
    plot = plot sprintf(" $s%d using 1:2%s with %s lc %d dt %d pt %d lw 2 title %s,", s,
                        spread ? ":3:4" : "", style, PRIMARY[part[1]], SECONDARY[part[2]],
                        SECONDARY[part[2]] + 5, quote(label))
  }
  printf "%s %.4f with lines lc rgb \"black\" dt 2 lw 1.5 title %s\n", plot, baseline / rows,
         quote(sprintf("exact baseline %.2f %%", baseline / rows))
}
