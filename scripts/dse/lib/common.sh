# Shared by the scripts in scripts/dse/ (sourced, not run).

# Without subshells: run_point.sh sources this once per point.
dse_dir=${BASH_SOURCE[0]%/lib/common.sh}
case $dse_dir in
  /*/./* | /*/../* | */. | */.. | [^/]*) dse_dir=$(cd "$dse_dir" && pwd) ;;
esac
repo_dir=${dse_dir%/scripts/dse}

# One-line message on stderr, then exit. Codes follow the README: 2 usage, 3 input error.
die() {
  local code=$1
  shift
  echo "$(basename "$0"): $*" >&2
  exit "$code"
}

# Where cimc and cimsim live: $CIM_BIN_DIR, else the default build tree.
bin_dir() {
  local dir=${CIM_BIN_DIR:-$repo_dir/build/cmd}
  [[ -x $dir/cimc && -x $dir/cimsim ]] ||
    die 3 "$dir: no cimc/cimsim executables (build them, or set CIM_BIN_DIR)"
  (cd "$dir" && pwd)
}

# Absolute form of a path; relative ones are taken against directory $2.
abs_path() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$2/$1" ;;
  esac
}

# Writes stdin to $1 through a temporary file and a rename, so a reader (or a
# restarted sweep) sees the whole file or none of it.
write_atomically() {
  local tmp="$1.tmp.$HOSTNAME.$$"
  cat >"$tmp" && mv -f "$tmp" "$1"
}
