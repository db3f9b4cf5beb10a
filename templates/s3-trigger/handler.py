# Reacts to S3 "object created" notifications: one record per new object.
# Returns a summary of what arrived; a real function would go on to read
# and process each object.


def unquote_plus(s):
    # S3 sends keys URL-encoded, with spaces as "+".
    s = s.replace("+", " ")
    out = ""
    i = 0
    while i < len(s):
        c = s[i]
        if c == "%" and i + 2 < len(s):
            out += chr(int(s[i + 1:i + 3], 16))
            i += 3
        else:
            out += c
            i += 1
    return out


def handler(event, context):
    objects = []
    skipped = 0
    for record in event.get("Records", []):
        if not record.get("eventName", "").startswith("ObjectCreated:"):
            skipped += 1
            continue
        s3 = record["s3"]
        key = unquote_plus(s3["object"]["key"])
        size = s3["object"].get("size", 0)
        print(f"new object s3://{s3['bucket']['name']}/{key} ({size} bytes)")
        objects.append({"bucket": s3["bucket"]["name"], "key": key, "size": size})
    return {
        "processed": len(objects),
        "skipped": skipped,
        "bytes": sum(o["size"] for o in objects),
        "objects": objects,
    }
