#!/usr/bin/env bash
# Drives `nl dev` with the AWS CLI v2: S3 high-level commands (with a file
# large enough for multipart) and the Lambda function lifecycle.
# Usage: ENDPOINT=http://127.0.0.1:4566 awscli.sh WORKDIR
# The CLI is /usr/bin/aws (Debian's awscli, v2); an older v1 `aws` may come
# first in PATH on some machines, so it is named in full.
set -euo pipefail

AWS=/usr/bin/aws
: "${ENDPOINT:?set ENDPOINT to the nl dev URL}"
work=${1:?work dir}
cd "$work"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" HOME="$work"
aws() { "$AWS" --endpoint-url "$ENDPOINT" "$@"; }
fail() { echo "awscli.sh: $*" >&2; exit 1; }

"$AWS" --version | grep -q '^aws-cli/2' || fail "$AWS is not AWS CLI v2"

# S3
aws s3 mb s3://cli-bucket
echo "hello from the aws cli" > small.txt
head -c 20000000 /dev/urandom > big.bin          # > 8 MB: multipart upload
aws s3 cp small.txt s3://cli-bucket/docs/small.txt
aws s3 cp big.bin s3://cli-bucket/data/big.bin
aws s3 cp small.txt "s3://cli-bucket/docs/a+b c.txt"
listing=$(aws s3 ls --recursive s3://cli-bucket/)
echo "$listing"
grep -q 'docs/small.txt' <<<"$listing" || fail "small.txt not listed"
grep -q '20000000 data/big.bin' <<<"$listing" || fail "big.bin not listed with its size"
grep -q 'docs/a+b c.txt' <<<"$listing" || fail "key with + and space not listed"
aws s3 cp s3://cli-bucket/data/big.bin big.back
cmp big.bin big.back || fail "big.bin came back different"
etag=$(aws s3api head-object --bucket cli-bucket --key data/big.bin --query ETag --output text)
[[ $etag == *-3\" ]] || fail "big.bin ETag $etag is not a 3-part multipart ETag"
# Bucket-to-bucket copy of a multipart-sized object: GetObjectTagging, then
# UploadPartCopy with x-amz-copy-source-range.
aws s3 cp s3://cli-bucket/data/big.bin s3://cli-bucket/data/big-copy.bin
aws s3 cp s3://cli-bucket/data/big-copy.bin big.copy
cmp big.bin big.copy || fail "server-side copy of big.bin came back different"
# sync: upload a tree, a second sync transfers nothing, --delete removes.
mkdir -p tree/sub && echo one >tree/one.txt && echo two >"tree/sub/t w+o.txt"
aws s3 sync tree s3://cli-bucket/tree
[ -z "$(aws s3 sync tree s3://cli-bucket/tree)" ] || fail "second sync transferred files again"
rm tree/one.txt
aws s3 sync --delete tree s3://cli-bucket/tree | grep -q 'delete: s3://cli-bucket/tree/one.txt' || fail "sync --delete did not delete one.txt"
mkdir back && aws s3 sync s3://cli-bucket/tree back && diff -r tree back || fail "sync down differs"
aws s3 rm s3://cli-bucket/docs/small.txt
aws s3 rm --recursive s3://cli-bucket/
aws s3 rb s3://cli-bucket
aws s3 ls | grep -q cli-bucket && fail "bucket still listed after rb"

# Lambda
cat > handler.py <<'PY'
def handler(event, context):
    print("doubling", event["n"])
    return {"double": event["n"] * 2, "function": context.function_name}
PY
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("fn.zip", "w") as z:
    z.write("handler.py")
PY
aws lambda create-function --function-name cli-fn --runtime python3.12 --handler handler.handler \
  --role arn:aws:iam::000000000000:role/lambda --zip-file fileb://fn.zip --memory-size 128 --timeout 3 >create.json
grep -q '"FunctionArn": "arn:aws:lambda:us-east-1:000000000000:function:cli-fn"' create.json || fail "create-function output: $(cat create.json)"
aws lambda invoke --function-name cli-fn --cli-binary-format raw-in-base64-out --payload '{"n": 21}' \
  --log-type Tail out.json >invoke.json
grep -q '"double": *42' out.json || fail "invoke result: $(cat out.json)"
grep -q '"function": *"cli-fn"' out.json || fail "invoke result: $(cat out.json)"
python3 -c "import json,base64,sys; log=base64.b64decode(json.load(open('invoke.json'))['LogResult']).decode(); sys.exit(0 if 'doubling 21' in log else 1)" \
  || fail "log tail lacks the handler's print: $(cat invoke.json)"
aws lambda delete-function --function-name cli-fn
if aws lambda get-function --function-name cli-fn 2>err.txt; then fail "function still there after delete"; fi
grep -q ResourceNotFoundException err.txt || fail "get-function after delete: $(cat err.txt)"
echo "awscli.sh: all checks passed"
