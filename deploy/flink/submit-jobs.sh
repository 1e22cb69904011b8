#!/usr/bin/env bash
# Submits the CX Monitor jobs to the session cluster, once: a job already running is left alone,
# so `docker compose up` can run this again safely. The jobs read their settings from the CX_*
# environment variables of this container (see ./cxmon config).
set -euo pipefail

JAR=/opt/cxmon/cxmon-job.jar
FLINK="/opt/flink/bin/flink"
ADDRESS="${FLINK_JOBMANAGER:-jobmanager:8081}"

running="$($FLINK list -r -m "$ADDRESS" 2>/dev/null || true)"

submit() { # name, main class, extra arguments
  local name="$1" class="$2"
  shift 2
  if grep -q ": $name (RUNNING)" <<<"$running"; then
    echo "$name is already running"
    return
  fi
  echo "submitting $name"
  $FLINK run -d -m "$ADDRESS" -c "$class" "$JAR" "$@"
}

submit cx-signals io.cxmonitor.jobs.SignalsJob
submit cx-alerts io.cxmonitor.jobs.AlertsJob
submit cx-influx io.cxmonitor.jobs.InfluxJob
if [ -n "${CX_NOTIFY_ROUTES:-}" ]; then
  submit cx-notify io.cxmonitor.jobs.NotifyJob
else
  echo "cx-notify not submitted: set CX_NOTIFY_ROUTES to a routes file to deliver alerts (see README)"
fi
