#!/usr/bin/env python3
# Drives `nl dev` with boto3, the client most AWS users' scripts are written
# with: every S3 and Lambda operation of issue 4, presigned URLs as boto3
# makes them (signature version 2 for us-east-1 unless configured), and the
# signature-version-2 header auth of signature_version="s3".
# Usage: EP=http://127.0.0.1:4566 python3 boto3_check.py
import boto3, botocore, hashlib, io, os, sys, json, time, base64, urllib.request, zipfile
from botocore.config import Config
EP = os.environ.get("EP", "http://127.0.0.1:4599")
sess = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = sess.client("s3", endpoint_url=EP)
lam = sess.client("lambda", endpoint_url=EP)
fails = []
def check(name, cond, info=""):
    if not cond:
        fails.append(name); print("FAIL", name, info)
    else:
        print("ok  ", name)
def err(fn, *a, **k):
    try:
        fn(*a, **k)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, None
def zipped(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for n, src in files.items():
            z.writestr(n, src)
    return b.getvalue()
B = "boto-%d" % int(time.time())
s3.create_bucket(Bucket=B)
check("list_buckets", B in [b["Name"] for b in s3.list_buckets()["Buckets"]])
check("head_bucket", s3.head_bucket(Bucket=B)["ResponseMetadata"]["HTTPStatusCode"] == 200)
check("head_bucket missing", err(s3.head_bucket, Bucket=B+"-nope")[1] == 404)
check("re-create own bucket in us-east-1 is 200", err(s3.create_bucket, Bucket=B) == (None, None))
check("bad name", err(s3.create_bucket, Bucket="Bad_Name")[0] == "InvalidBucketName", err(s3.create_bucket, Bucket="Bad_Name"))
r = s3.put_object(Bucket=B, Key="a+b c/ü.txt", Body=b"hello world", ContentType="text/plain", Metadata={"Foo": "bar"}, CacheControl="max-age=3", ContentDisposition="inline", ContentLanguage="en")
check("put etag", r["ETag"] == '"%s"' % hashlib.md5(b"hello world").hexdigest(), r["ETag"])
g = s3.get_object(Bucket=B, Key="a+b c/ü.txt")
check("get body", g["Body"].read() == b"hello world")
check("get meta", g["Metadata"] == {"foo": "bar"}, g["Metadata"])
check("get ctype", g["ContentType"] == "text/plain" and g["CacheControl"] == "max-age=3" and g["ContentDisposition"] == "inline" and g["ContentLanguage"] == "en", g)
# checksums
for algo in ["CRC32", "SHA1", "SHA256"]:
    r = s3.put_object(Bucket=B, Key="ck-"+algo, Body=b"x"*1000, ChecksumAlgorithm=algo)
    check("put checksum "+algo, ("Checksum"+algo) in r, r)
    h = s3.head_object(Bucket=B, Key="ck-"+algo, ChecksumMode="ENABLED")
    check("head checksum "+algo, h.get("Checksum"+algo) == r.get("Checksum"+algo), h)
e = err(s3.put_object, Bucket=B, Key="badck", Body=b"abc", ChecksumSHA256=base64.b64encode(b"0"*32).decode())
check("bad checksum", e[0] in ("BadDigest", "InvalidRequest", "XAmzContentChecksumMismatch"), e)
e = err(s3.put_object, Bucket=B, Key="badmd5", Body=b"abc", ContentMD5=base64.b64encode(b"0"*16).decode())
check("bad md5", e[0] == "BadDigest", e)
# range
s3.put_object(Bucket=B, Key="r", Body=b"0123456789")
check("range 2-4", s3.get_object(Bucket=B, Key="r", Range="bytes=2-4")["Body"].read() == b"234")
g = s3.get_object(Bucket=B, Key="r", Range="bytes=-3")
check("range suffix", g["Body"].read() == b"789" and g["ContentRange"] == "bytes 7-9/10", g.get("ContentRange"))
check("range open", s3.get_object(Bucket=B, Key="r", Range="bytes=8-")["Body"].read() == b"89")
check("range past end", s3.get_object(Bucket=B, Key="r", Range="bytes=5-100")["Body"].read() == b"56789")
e = err(s3.get_object, Bucket=B, Key="r", Range="bytes=20-30")
check("range invalid", e == ("InvalidRange", 416), e)
# conditionals
et = s3.head_object(Bucket=B, Key="r")["ETag"]
lm = s3.head_object(Bucket=B, Key="r")["LastModified"]
check("if-match ok", s3.get_object(Bucket=B, Key="r", IfMatch=et)["Body"].read() == b"0123456789")
e = err(s3.get_object, Bucket=B, Key="r", IfMatch='"nope"')
check("if-match fail", e[1] == 412 and e[0] == "PreconditionFailed", e)
e = err(s3.get_object, Bucket=B, Key="r", IfNoneMatch=et)
check("if-none-match 304", e[1] == 304, e)
e = err(s3.get_object, Bucket=B, Key="r", IfModifiedSince=lm)
check("if-modified-since 304", e[1] == 304, e)
import datetime
check("if-modified-since old", s3.get_object(Bucket=B, Key="r", IfModifiedSince=lm - datetime.timedelta(days=1))["ResponseMetadata"]["HTTPStatusCode"] == 200)
e = err(s3.get_object, Bucket=B, Key="r", IfUnmodifiedSince=lm - datetime.timedelta(days=1))
check("if-unmodified-since 412", e[1] == 412, e)
e = err(s3.head_object, Bucket=B, Key="r", IfMatch='"nope"')
check("head if-match 412", e[1] == 412, e)
# copy
c = s3.copy_object(Bucket=B, Key="r-copy", CopySource={"Bucket": B, "Key": "r"})
check("copy", s3.get_object(Bucket=B, Key="r-copy")["Body"].read() == b"0123456789" and c["CopyObjectResult"]["ETag"] == et)
c = s3.copy_object(Bucket=B, Key="r-copy2", CopySource={"Bucket": B, "Key": "a+b c/ü.txt"}, MetadataDirective="REPLACE", Metadata={"x": "y"}, ContentType="app/x")
h = s3.head_object(Bucket=B, Key="r-copy2")
check("copy replace meta", h["Metadata"] == {"x": "y"} and h["ContentType"] == "app/x", h)
h = s3.head_object(Bucket=B, Key="r-copy")
e = err(s3.copy_object, Bucket=B, Key="zz", CopySource={"Bucket": B, "Key": "nope"})
check("copy missing src", e[0] == "NoSuchKey", e)
# missing
e = err(s3.get_object, Bucket=B, Key="nope")
check("get missing", e == ("NoSuchKey", 404), e)
e = err(s3.get_object, Bucket=B+"x", Key="nope")
check("get nobucket", e == ("NoSuchBucket", 404), e)
e = err(s3.head_object, Bucket=B, Key="nope")
check("head missing", e[1] == 404, e)
check("delete missing ok", s3.delete_object(Bucket=B, Key="nope")["ResponseMetadata"]["HTTPStatusCode"] == 204)
# listing
for k in ["dir/a", "dir/b", "dir/sub/c", "dir/sub/d", "other/e", "top"]:
    s3.put_object(Bucket=B, Key="L/"+k, Body=k.encode())
r = s3.list_objects_v2(Bucket=B, Prefix="L/", Delimiter="/")
check("list v2 delim", [p["Prefix"] for p in r["CommonPrefixes"]] == ["L/dir/", "L/other/"] and [o["Key"] for o in r["Contents"]] == ["L/top"], r)
r = s3.list_objects_v2(Bucket=B, Prefix="L/dir/", MaxKeys=2)
check("list v2 page1", r["IsTruncated"] and len(r["Contents"]) == 2 and r["KeyCount"] == 2, r)
r2 = s3.list_objects_v2(Bucket=B, Prefix="L/dir/", MaxKeys=2, ContinuationToken=r["NextContinuationToken"])
check("list v2 page2", [o["Key"] for o in r2["Contents"]] == ["L/dir/sub/c", "L/dir/sub/d"] and not r2["IsTruncated"], r2)
r = s3.list_objects_v2(Bucket=B, Prefix="L/", StartAfter="L/dir/sub/c")
check("list v2 start-after", [o["Key"] for o in r["Contents"]] == ["L/dir/sub/d", "L/other/e", "L/top"], r)
r = s3.list_objects(Bucket=B, Prefix="L/", Delimiter="/", MaxKeys=1)
check("list v1 maxkeys", r["IsTruncated"] and r.get("NextMarker") == "L/dir/", r)
r = s3.list_objects(Bucket=B, Prefix="L/", Marker="L/other/e")
check("list v1 marker", [o["Key"] for o in r["Contents"]] == ["L/top"], r)
r = s3.list_objects_v2(Bucket=B, Prefix="L/", EncodingType="url")
r = s3.list_objects_v2(Bucket=B, Prefix="a+b")
check("list plus key", [o["Key"] for o in r["Contents"]] == ["a+b c/ü.txt"], r)
r = s3.list_objects_v2(Bucket=B, Prefix="L/", Delimiter="/", MaxKeys=0)
check("list maxkeys 0", r["KeyCount"] == 0 and not r["IsTruncated"], r)
# paginator
pg = s3.get_paginator("list_objects_v2")
keys = [o["Key"] for p in pg.paginate(Bucket=B, PaginationConfig={"PageSize": 3}) for o in p.get("Contents", [])]
check("paginator", len(keys) == len(set(keys)) and keys == sorted(keys) and len(keys) > 10, keys)
# versions
r = s3.list_object_versions(Bucket=B, Prefix="L/")
check("list versions", len(r["Versions"]) == 6 and all(v["VersionId"] == "null" for v in r["Versions"]), r)
check("versioning status", "Status" not in s3.get_bucket_versioning(Bucket=B))
# delete objects
r = s3.delete_objects(Bucket=B, Delete={"Objects": [{"Key": "L/dir/a"}, {"Key": "L/dir/b"}, {"Key": "nope"}]})
check("delete_objects", len(r["Deleted"]) == 3 and not r.get("Errors"), r)
r = s3.delete_objects(Bucket=B, Delete={"Objects": [{"Key": "L/top"}], "Quiet": True})
check("delete_objects quiet", not r.get("Deleted"), r)
# multipart
MB = 1024*1024
parts = [os.urandom(5*MB), os.urandom(5*MB), os.urandom(1000)]
u = s3.create_multipart_upload(Bucket=B, Key="mp", ContentType="app/mp", Metadata={"m": "1"})
uid = u["UploadId"]
etags = []
for i, p in enumerate(parts):
    r = s3.upload_part(Bucket=B, Key="mp", UploadId=uid, PartNumber=i+1, Body=p)
    etags.append(r["ETag"])
lp = s3.list_parts(Bucket=B, Key="mp", UploadId=uid)
check("list_parts", [p["PartNumber"] for p in lp["Parts"]] == [1,2,3] and [p["Size"] for p in lp["Parts"]] == [5*MB, 5*MB, 1000], lp)
lp = s3.list_parts(Bucket=B, Key="mp", UploadId=uid, MaxParts=2)
check("list_parts page", lp["IsTruncated"] and lp["NextPartNumberMarker"] == 2, lp)
lu = s3.list_multipart_uploads(Bucket=B)
check("list_uploads", any(x["UploadId"] == uid for x in lu.get("Uploads", [])), lu)
e = err(s3.complete_multipart_upload, Bucket=B, Key="mp", UploadId=uid, MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": etags[1]}, {"PartNumber": 1, "ETag": etags[0]}]})
check("complete bad order", e[0] == "InvalidPartOrder", e)
e = err(s3.complete_multipart_upload, Bucket=B, Key="mp", UploadId=uid, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"00"'}]})
check("complete bad etag", e[0] == "InvalidPart", e)
r = s3.complete_multipart_upload(Bucket=B, Key="mp", UploadId=uid, MultipartUpload={"Parts": [{"PartNumber": i+1, "ETag": t} for i, t in enumerate(etags)]})
want = hashlib.md5(b"".join(bytes.fromhex(t.strip('"')) for t in etags)).hexdigest() + "-3"
check("complete etag", r["ETag"] == '"%s"' % want, r)
g = s3.get_object(Bucket=B, Key="mp")
g2 = s3.get_object(Bucket=B, Key="mp", PartNumber=2)
check("get partNumber", g2["Body"].read() == parts[1] and g2["PartsCount"] == 3, g2.get("ContentLength"))
check("mp body", g["Body"].read() == b"".join(parts) and g["ContentType"] == "app/mp" and g["Metadata"] == {"m": "1"}, g["Metadata"])
e = err(s3.list_parts, Bucket=B, Key="mp", UploadId=uid)
check("upload gone", e[0] == "NoSuchUpload", e)
u2 = s3.create_multipart_upload(Bucket=B, Key="mp2")["UploadId"]
s3.upload_part(Bucket=B, Key="mp2", UploadId=u2, PartNumber=1, Body=b"small")
s3.upload_part(Bucket=B, Key="mp2", UploadId=u2, PartNumber=2, Body=b"small")
e = err(s3.complete_multipart_upload, Bucket=B, Key="mp2", UploadId=u2, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"%s"' % hashlib.md5(b"small").hexdigest()}, {"PartNumber": 2, "ETag": '"%s"' % hashlib.md5(b"small").hexdigest()}]})
check("entity too small", e[0] == "EntityTooSmall", e)
s3.abort_multipart_upload(Bucket=B, Key="mp2", UploadId=u2)
e = err(s3.abort_multipart_upload, Bucket=B, Key="mp2", UploadId=u2)
check("abort twice", e[0] == "NoSuchUpload", e)
# multipart with checksum
u3 = s3.create_multipart_upload(Bucket=B, Key="mp3", ChecksumAlgorithm="CRC32")["UploadId"]
r = s3.upload_part(Bucket=B, Key="mp3", UploadId=u3, PartNumber=1, Body=b"abc", ChecksumAlgorithm="CRC32")
check("part crc", "ChecksumCRC32" in r, r)
r = s3.complete_multipart_upload(Bucket=B, Key="mp3", UploadId=u3, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r["ETag"], "ChecksumCRC32": r.get("ChecksumCRC32")}]})
check("complete crc", r["ETag"].endswith("-1\""), r)
# upload_file via transfer (multipart, concurrent)
data = os.urandom(12*MB)
s3.upload_fileobj(io.BytesIO(data), B, "big")
buf = io.BytesIO(); s3.download_fileobj(B, "big", buf)
check("transfer roundtrip", buf.getvalue() == data)
# presigned
url = s3.generate_presigned_url("get_object", Params={"Bucket": B, "Key": "a+b c/ü.txt"}, ExpiresIn=60)
check("presigned get", urllib.request.urlopen(url).read() == b"hello world", url)
url = s3.generate_presigned_url("put_object", Params={"Bucket": B, "Key": "pre put"}, ExpiresIn=60)
check("presigned url is sigv2 (boto3 default for us-east-1)", "AWSAccessKeyId=" in url or "X-Amz-Signature=" in url, url)
req = urllib.request.Request(url, data=b"presigned!", method="PUT")
req.add_header("Content-Type", "")
check("presigned put status", urllib.request.urlopen(req).status == 200)
check("presigned put", s3.get_object(Bucket=B, Key="pre put")["Body"].read() == b"presigned!")
try:
    urllib.request.urlopen(url.replace("Signature=", "Signature=0"))
    check("presigned tamper", False)
except urllib.error.HTTPError as e:
    check("presigned tamper", e.code == 403, e.code)
bad = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="wrong", region_name="us-east-1").client("s3", endpoint_url=EP)
e = err(bad.list_buckets)
check("wrong secret", e == ("SignatureDoesNotMatch", 403), e)
bad = boto3.session.Session(aws_access_key_id="other", aws_secret_access_key="test", region_name="us-east-1").client("s3", endpoint_url=EP)
e = err(bad.list_buckets)
check("wrong key", e == ("InvalidAccessKeyId", 403), e)
# unsigned
try:
    urllib.request.urlopen(EP + "/" + B)
    check("unsigned", False)
except urllib.error.HTTPError as e:
    check("unsigned", e.code == 403, e.code)
# delete bucket non-empty
e = err(s3.delete_bucket, Bucket=B)
check("delete nonempty", e[0] == "BucketNotEmpty", e)

T = str(int(time.time()))
SRC = '''
import json
import boto3
s3 = boto3.client("s3")
def handler(event, context):
    print("got", json.dumps(event))
    if event.get("fail"):
        raise ValueError("asked to fail")
    if event.get("big"):
        for i in range(300):
            print("line %d %s" % (i, "x" * 20))
    if "Records" in event:
        r = event["Records"][0]
        s3.put_object(Bucket="out-''' + T + '''", Key=r["s3"]["object"]["key"] + ".seen", Body=json.dumps(r))
        return "ok"
    return {"echo": event, "fn": context.function_name, "mem": context.memory_limit_in_mb}
'''
r = lam.create_function(FunctionName="f"+T, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/x", Handler="app.handler", Code={"ZipFile": zipped({"app.py": SRC})}, MemorySize=128, Timeout=3, Environment={"Variables": {"A": "1"}})
check("create", r["FunctionName"] == "f"+T and r["Handler"] == "app.handler" and r["MemorySize"] == 128 and r["Environment"]["Variables"] == {"A": "1"}, r)
check("create state", r.get("State") in ("Active", "Pending"), r.get("State"))
lam.get_waiter("function_active_v2").wait(FunctionName="f"+T)
e = err(lam.create_function, FunctionName="f"+T, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/x", Handler="app.handler", Code={"ZipFile": zipped({"app.py": SRC})})
check("create dup", e == ("ResourceConflictException", 409), e)
try:
    lam.create_function(FunctionName="bad"+T, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/x", Handler="app.handler", Code={"ZipFile": zipped({"app.py": "class A:\n  pass\ndef handler(e, c):\n  async def f(): pass\n"})})
    check("unsupported code", False)
except botocore.exceptions.ClientError as ex:
    check("unsupported code", ex.response["Error"]["Code"] == "InvalidParameterValueException" and "app.py:" in ex.response["Error"]["Message"], ex.response["Error"])
    print("   msg:", ex.response["Error"]["Message"][:300])
lam.create_function(FunctionName="nohandler"+T, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/x", Handler="app.handler", Code={"ZipFile": zipped({"other.py": "x=1"})})
r = lam.invoke(FunctionName="nohandler"+T)
p = json.loads(r["Payload"].read())
check("zip without handler", r.get("FunctionError") == "Unhandled" and p["errorType"] == "Runtime.ImportModuleError", p)
e = err(lam.create_function, FunctionName="notzip"+T, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/x", Handler="app.handler", Code={"ZipFile": b"not a zip"})
check("not a zip", e[0] == "InvalidParameterValueException", e)
g = lam.get_function(FunctionName="f"+T)
check("get_function", g["Configuration"]["FunctionName"] == "f"+T and "Code" in g, g.get("Code"))
c = lam.get_function_configuration(FunctionName="f"+T)
check("get config", c["Timeout"] == 3 and c["Runtime"] == "python3.12", c)
e = err(lam.get_function, FunctionName="nope"+T)
check("get missing", e == ("ResourceNotFoundException", 404), e)
r = lam.invoke(FunctionName="f"+T, Payload=json.dumps({"a": [1, 2.5, "x", None, True]}))
p = json.loads(r["Payload"].read())
check("invoke", r["StatusCode"] == 200 and p == {"echo": {"a": [1, 2.5, "x", None, True]}, "fn": "f"+T, "mem": 128} and "FunctionError" not in r, (r, p))
check("executed version", r.get("ExecutedVersion") == "$LATEST", r.get("ExecutedVersion"))
r = lam.invoke(FunctionName="f"+T, Payload=b'{"big": true}', LogType="Tail")
log = base64.b64decode(r["LogResult"])
check("tail 4KB", 3000 < len(log) <= 4096 and b"REPORT RequestId" in log, len(log))
check("tail content", b"line 299" in log, log[-200:])
r = lam.invoke(FunctionName="f"+T, Payload=b'{"fail": true}', LogType="Tail")
p = json.loads(r["Payload"].read())
check("unhandled", r["StatusCode"] == 200 and r.get("FunctionError") == "Unhandled" and p["errorType"] == "ValueError" and p["errorMessage"] == "asked to fail" and isinstance(p["stackTrace"], list), (r, p))
print("   ", p)
r = lam.invoke(FunctionName="f"+T, InvocationType="DryRun")
check("dryrun", r["StatusCode"] == 204, r["StatusCode"])
r = lam.invoke(FunctionName="f"+T, InvocationType="Event", Payload=b'{"e": 1}')
check("event", r["StatusCode"] == 202, r["StatusCode"])
e = err(lam.invoke, FunctionName="nope"+T, Payload=b"{}")
check("invoke missing", e == ("ResourceNotFoundException", 404), e)
e = err(lam.invoke, FunctionName="f"+T, Payload=b"{not json")
check("invoke bad json", e[0] == "InvalidRequestContentException", e)
# update code
r = lam.update_function_code(FunctionName="f"+T, ZipFile=zipped({"app.py": "def handler(e, c):\n    return 'v2'\n"}))
lam.get_waiter("function_updated_v2").wait(FunctionName="f"+T)
check("update code", json.loads(lam.invoke(FunctionName="f"+T)["Payload"].read()) == "v2")
r = lam.update_function_configuration(FunctionName="f"+T, Timeout=1, MemorySize=256, Environment={"Variables": {"B": "2"}})
check("update config", r["Timeout"] == 1 and r["MemorySize"] == 256 and r["Environment"]["Variables"] == {"B": "2"}, r)
# timeout enforcement
lam.update_function_code(FunctionName="f"+T, ZipFile=zipped({"app.py": "def handler(e, c):\n    while True:\n        pass\n"}))
r = lam.invoke(FunctionName="f"+T)
p = json.loads(r["Payload"].read())
check("timeout", r.get("FunctionError") == "Unhandled" and "timed out" in p.get("errorMessage", ""), p)
# memory: a generous timeout, so that a slow machine still reaches the heap limit
lam.update_function_configuration(FunctionName="f"+T, Timeout=30, MemorySize=128)
lam.update_function_code(FunctionName="f"+T, ZipFile=zipped({"app.py": "def handler(e, c):\n    x = []\n    while True:\n        x.append('y' * 1000)\n"}))
r = lam.invoke(FunctionName="f"+T)
p = json.loads(r["Payload"].read())
check("memory", r.get("FunctionError") == "Unhandled" and p.get("errorType") in ("MemoryError", "Runtime.OutOfMemory"), p)
# env
lam.update_function_code(FunctionName="f"+T, ZipFile=zipped({"app.py": "import os\ndef handler(e, c):\n    return os.environ.get('B')\n"}))
r = lam.invoke(FunctionName="f"+T)
check("env", json.loads(r["Payload"].read()) == "2")
# list pagination
for i in range(7):
    lam.create_function(FunctionName="pg%s-%d" % (T, i), Runtime="python3.11", Role="arn:aws:iam::000000000000:role/x", Handler="app.handler", Code={"ZipFile": zipped({"app.py": "def handler(e, c):\n    return 1\n"})})
names = []
for page in lam.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 3}):
    names += [f["FunctionName"] for f in page["Functions"]]
check("list paginated", len([n for n in names if n.startswith("pg"+T)]) == 7 and len(names) == len(set(names)), names)
r = lam.list_functions(MaxItems=2)
check("list maxitems", len(r["Functions"]) == 2 and "NextMarker" in r, r.keys())
# notifications
src, out = "src-"+T, "out-"+T
s3.create_bucket(Bucket=src); s3.create_bucket(Bucket=out)
lam.create_function(FunctionName="trig"+T, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/x", Handler="app.handler", Code={"ZipFile": zipped({"app.py": SRC})})
arn = lam.get_function(FunctionName="trig"+T)["Configuration"]["FunctionArn"]
s3.put_bucket_notification_configuration(Bucket=src, NotificationConfiguration={"LambdaFunctionConfigurations": [{"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}, {"Name": "suffix", "Value": ".json"}]}}}]})
nc = s3.get_bucket_notification_configuration(Bucket=src)
check("get notif", nc["LambdaFunctionConfigurations"][0]["LambdaFunctionArn"] == arn and nc["LambdaFunctionConfigurations"][0]["Events"] == ["s3:ObjectCreated:*"], nc)
s3.put_object(Bucket=src, Key="in/a b.json", Body=b"{}")
s3.put_object(Bucket=src, Key="in/skip.txt", Body=b"{}")
s3.put_object(Bucket=src, Key="other/x.json", Body=b"{}")
seen = None
for _ in range(100):
    try:
        seen = json.loads(s3.get_object(Bucket=out, Key="in/a+b.json.seen")["Body"].read()); break
    except botocore.exceptions.ClientError:
        time.sleep(0.05)
check("trigger fired", seen is not None)
if seen:
    print("   ", json.dumps(seen)[:600])
    check("event shape", seen["eventSource"] == "aws:s3" and seen["eventName"] == "ObjectCreated:Put" and seen["s3"]["bucket"]["name"] == src and seen["s3"]["object"]["key"] == "in/a+b.json" and seen["s3"]["object"]["size"] == 2 and "eTag" in seen["s3"]["object"] and seen["eventVersion"] == "2.1" and seen["awsRegion"] == "us-east-1" and "sequencer" in seen["s3"]["object"] and seen["s3"]["s3SchemaVersion"] == "1.0", seen)
time.sleep(0.3)
keys = [o["Key"] for o in s3.list_objects_v2(Bucket=out).get("Contents", [])]
check("filters", keys == ["in/a+b.json.seen"], keys)
e = err(s3.put_bucket_notification_configuration, Bucket=src, NotificationConfiguration={"LambdaFunctionConfigurations": [{"LambdaFunctionArn": arn + "nope", "Events": ["s3:ObjectCreated:*"]}]})
check("notif bad arn", e[0] == "InvalidArgument", e)
# delete
lam.delete_function(FunctionName="f"+T)
e = err(lam.delete_function, FunctionName="f"+T)
check("delete twice", e == ("ResourceNotFoundException", 404), e)
# signature version 2 header auth (botocore signature_version="s3")
from botocore.config import Config
v2 = sess.client("s3", endpoint_url=EP, config=Config(signature_version="s3"))
v2.put_object(Bucket=src, Key="v2 key+x", Body=b"v2body", Metadata={"a": "b"})
check("sigv2 header put/get", v2.get_object(Bucket=src, Key="v2 key+x")["Body"].read() == b"v2body")
check("sigv2 header list", "v2 key+x" in [o["Key"] for o in v2.list_objects(Bucket=src)["Contents"]])
bad = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="wrong", region_name="us-east-1").client("s3", endpoint_url=EP, config=Config(signature_version="s3"))
e = err(bad.list_objects, Bucket=src)
check("sigv2 wrong secret", e == ("SignatureDoesNotMatch", 403), e)
if fails:
    print("boto3_check: FAILED:", ", ".join(fails))
    sys.exit(1)
print("boto3_check: all checks passed (boto3 %s)" % boto3.__version__)

