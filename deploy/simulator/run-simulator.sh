#!/usr/bin/env bash
# simulator: builds the CLI from a copy of the mounted sources (never writing to the host's target/ folders),
# then runs `cxpulse simulate` with the arguments given. The first start downloads Maven dependencies into the
# maven-repo volume and takes minutes; later starts rebuild only when the sources changed.
set -euo pipefail
mkdir -p /build
tar -C /src --exclude=./.git --exclude='*/target' --exclude=./.cxpulse -cf - . | tar -C /build -xf -
cd /build
exec ./bin/cxpulse simulate "$@"
