#!/usr/bin/env bash
# Installs the system packages nl's tests use, only when one is missing.
# CI starts on a bare Debian machine as root; developers without root get a
# message naming the packages to install.
set -euo pipefail

need=()
[ -x /usr/bin/aws ] || need+=(awscli)          # AWS CLI v2 drives nl dev in tests
command -v socat >/dev/null || need+=(socat)    # pty pairs for serial tests
command -v python3 >/dev/null || need+=(python3) # CPython is the oracle for Python semantics
# boto3 drives nl dev from outside in localstack/e2e (TestBoto3)
python3 -c 'import boto3' 2>/dev/null || /usr/bin/python3 -c 'import boto3' 2>/dev/null || need+=(python3-boto3)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-deps: missing ${need[*]}; install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "ensure-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
