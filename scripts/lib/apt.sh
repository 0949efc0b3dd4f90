# shellcheck shell=bash
# Installing Debian packages for the setup scripts, sourced by them. One place for
# what used to be copied: as root directly, otherwise through sudo; a bounded wait
# for another apt or dpkg (a fresh machine runs its own upgrade at boot); and never
# carrying on when a package did not arrive — the script stops with a Dutch message
# that names the packages and quotes apt's own error.
#
# Settings (environment):
#   LOCATIESCOUT_APT_LOCK_WAIT_S  how long to wait for the apt/dpkg lock (default 600)
#   LOCATIESCOUT_APT_RETRY_S      pause between tries while the lock is held (default 5)

# Prints the packages of "$@" that dpkg does not have installed.
apt_missing() {
  local p status
  for p in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = "installed" ] || printf '%s\n' "$p"
  done
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "FOUT: '$*' moet als root draaien en sudo ontbreekt; draai dit script als root." >&2
    return 1
  fi
}

# True when apt's output says another process holds its lock.
apt_lock_held() {
  grep -qiE 'could not get lock|unable to acquire the dpkg frontend lock|unable to lock (the )?(directory|administration)|is another process using it' "$1"
}

# Runs one apt-get command as root; while the lock is held, tries again until the
# wait is used up. Any other failure ends it at once. On failure the caller gets
# apt's output in $APT_LOG.
apt_run() {
  local wait_s=${LOCATIESCOUT_APT_LOCK_WAIT_S:-600} retry_s=${LOCATIESCOUT_APT_RETRY_S:-5}
  local waited=0
  APT_LOG=$(mktemp)
  while :; do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$APT_LOG" 2>&1; then
      return 0
    fi
    if apt_lock_held "$APT_LOG" && [ "$waited" -lt "$wait_s" ]; then
      [ "$waited" -eq 0 ] && echo "apt is bezet door een ander proces; ik wacht (hoogstens ${wait_s} s)…" >&2
      sleep "$retry_s"
      waited=$((waited + retry_s))
      continue
    fi
    if apt_lock_held "$APT_LOG"; then
      echo "apt bleef ${wait_s} s bezet door een ander proces." >&2
    fi
    return 1
  done
}

# Installs every package of "$@" that is missing, or stops the script: a package
# list that apt accepted but dpkg does not show afterwards is a failure too.
apt_install() {
  local missing
  mapfile -t missing < <(apt_missing "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "FOUT: deze pakketten ontbreken en er is geen apt-get om ze te installeren: ${missing[*]}" >&2
    echo "Installeer ze met de pakketbeheerder van dit systeem en probeer opnieuw." >&2
    exit 1
  fi
  echo "Installeren: ${missing[*]}" >&2
  if ! apt_run update -q; then
    echo "FOUT: 'apt-get update' mislukte, dus deze pakketten konden niet worden geïnstalleerd: ${missing[*]}" >&2
    sed 's/^/  apt: /' "$APT_LOG" >&2
    exit 1
  fi
  if ! apt_run install -y -q --no-install-recommends "${missing[@]}"; then
    echo "FOUT: installeren van ${missing[*]} mislukte." >&2
    sed 's/^/  apt: /' "$APT_LOG" >&2
    exit 1
  fi
  local still
  mapfile -t still < <(apt_missing "${missing[@]}")
  if [ ${#still[@]} -gt 0 ]; then
    echo "FOUT: apt meldde succes, maar deze pakketten zijn niet geïnstalleerd: ${still[*]}" >&2
    exit 1
  fi
  rm -f "$APT_LOG"
}
