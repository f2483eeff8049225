#!/usr/bin/env bash
# Installs Debian's headless LibreOffice Writer when missing, as root, by apt:
# the DOCX report's tests convert the document to PDF the way its readers'
# office suite lays it out, then read it back with poppler's tools. Without
# them those tests skip (or fail under CI=true).
# The -nogui variant converts DOCX to PDF like the full one without pulling in
# a desktop toolkit. fonts-liberation2's Liberation Serif stands in for Times
# New Roman with the same metrics (so the same line and page breaks) and
# covers Vietnamese.
set -uo pipefail
have() { command -v "$1" >/dev/null; }
tools=(soffice pdftotext pdftoppm pdfinfo pdffonts)
missing() { for t in "${tools[@]}"; do have "$t" || return 0; done; return 1; }
# fc-list with a pattern prints only the matching fonts: no grep -q, whose
# early exit would fail the pipe under pipefail.
serif() { [[ -n $(fc-list 'Liberation Serif' family 2>/dev/null) ]]; }
if ! missing && serif; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && have apt-get; then
  export DEBIAN_FRONTEND=noninteractive
  pkgs=(poppler-utils fonts-liberation2)
  # The -nogui package conflicts with a full libreoffice-writer already there.
  have soffice || pkgs+=(libreoffice-writer-nogui)
  apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1; }
fi
if missing; then
  echo "LibreOffice or poppler-utils is not installed; the DOCX report's conversion tests will skip (or fail under CI=true)" >&2
elif ! serif; then
  echo "fonts-liberation2 is not installed; LibreOffice will lay out the DOCX report with a fallback font" >&2
fi
exit 0
