# A NanoLambda function: the same handler runs on a microcontroller, at the
# edge and in the cloud. `event` is the parsed JSON event; `context` is the
# Lambda-compatible context object.


def handler(event, context):
    name = event.get("name", "world")
    print("saying hello to", name)
    return {
        "message": f"Hello, {name}!",
        "function": context.function_name,
        "length": len(name),
    }
