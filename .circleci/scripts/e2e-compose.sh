#!/usr/bin/env bash
# End-to-end run of docker-compose.yml with the images built earlier in the pipeline.
#
# Usage: .circleci/scripts/e2e-compose.sh COMMAND
#   up     write .env from .env.example with fresh random passwords, tag the loaded images
#          with the names docker-compose.yml expects, start the stack without building
#          (`docker compose up --wait`) and check that the seed service exited 0
#   logs   print the state and logs of every service (for failure diagnostics)
#   down   stop the stack and delete its volumes and the generated .env
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

PASSWORD_VARIABLES=(MONGO_ROOT_PASSWORD MONGO_APP_PASSWORD MONGO_SEED_PASSWORD)

# .env: every *_PASSWORD gets a fresh random value (hex, so it needs no escaping inside a
# MongoDB connection string); every other line of the template is kept as it is.
write_env() {
  [[ -f .env.example ]] || die ".env.example not found (run from the repository root)"
  local line name
  umask 077
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*_PASSWORD)= ]]; then
      printf '%s=%s\n' "${BASH_REMATCH[1]}" "$(openssl rand -hex 24)"
    else
      printf '%s\n' "$line"
    fi
  done < .env.example > .env
  for name in "${PASSWORD_VARIABLES[@]}"; do
    grep -q "^${name}=" .env || printf '%s=%s\n' "$name" "$(openssl rand -hex 24)" >> .env
  done
  log ".env written with generated passwords ($(grep -c '_PASSWORD=' .env) of them)"
}

# Tags each loaded image with the name compose gives the service that builds it, so that
# `up --no-build` runs exactly the images built by the pipeline.
tag_images() {
  local config project component target
  config="$(docker compose config --format json)"
  project="$(jq -r '.name' <<< "$config")"
  for component in "${IMAGE_COMPONENTS[@]}"; do
    jq -e --arg s "$component" '.services | has($s)' <<< "$config" > /dev/null \
      || die "docker-compose.yml has no service named $component"
    if jq -e --arg s "$component" '.services[$s].build == null' <<< "$config" > /dev/null; then
      log "service $component does not build an image; leaving it as configured"
      continue
    fi
    target="$(jq -r --arg s "$component" --arg p "$project" \
      '.services[$s].image // ($p + "-" + $s)' <<< "$config")"
    docker tag "$(image_ref "$component")" "$target"
    log "service $component runs $(image_ref "$component") as $target"
  done
}

up() {
  write_env
  tag_images
  docker compose up --detach --no-build --wait --wait-timeout "${WAIT_TIMEOUT:-300}"
  local seed_exit
  seed_exit="$(docker compose wait seed 2> /dev/null || true)"
  seed_exit="${seed_exit##*$'\n'}"
  if [[ -z "$seed_exit" ]]; then
    seed_exit="$(docker inspect --format '{{.State.ExitCode}}' "$(docker compose ps --all --quiet seed)")"
  fi
  [[ "$seed_exit" == 0 ]] || die "the seed service exited with status $seed_exit"
  log "stack is up and the dataset is seeded"
  docker compose ps --all
}

logs() {
  docker compose ps --all || true
  docker compose logs --no-color --timestamps || true
}

down() {
  docker compose down --volumes --remove-orphans --timeout 30 || true
  rm -f .env
}

case "${1:-}" in
  up) up ;;
  logs) logs ;;
  down) down ;;
  -h | --help) usage "$0" ;;
  *) usage "$0" >&2; exit 2 ;;
esac
