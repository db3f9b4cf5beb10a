class Router:
    def __init__(self):
        self.routes = {}
        self.calls = 0

    def route(self, method, path):
        def deco(fn):
            self.routes[(method, path)] = fn
            return fn
        return deco

    def dispatch(self, method, path, **params):
        self.calls += 1
        fn = self.routes.get((method, path))
        if fn is None:
            return 404, {"error": f"no route {method} {path}"}
        try:
            return 200, fn(**params)
        except KeyError as e:
            return 400, {"error": f"missing {e}"}


app = Router()


@app.route("GET", "/items")
def list_items(limit=2, **_):
    return {"items": list(range(int(limit)))}


@app.route("POST", "/items")
def create_item(name, qty=1, **extra):
    return {"created": name, "qty": qty, "extra": sorted(extra)}


class Device:
    def __init__(self):
        self.state = "off"
        self.log = []

    def on_press(self):
        self.state = "on" if self.state == "off" else "off"

    def on_reset(self):
        self.state = "off"

    def handle(self, ev):
        h = getattr(self, "on_" + ev, None)
        if h is None:
            self.log.append(f"ignored {ev}")
            return
        h()
        self.log.append(f"{ev}->{self.state}")


print(app.dispatch("GET", "/items", limit="3"))
print(app.dispatch("POST", "/items", name="bolt", qty=5, color="red", size="M"))
print(app.dispatch("DELETE", "/items"), app.calls, sorted(app.routes))
dv = Device()
for ev in ["press", "press", "hover", "press", "reset"]:
    dv.handle(ev)
print(dv.log, dv.state)
handlers = {"double": lambda x: x * 2, "neg": lambda x: -x, "str": str}
print([handlers[k](7) for k in ("double", "neg", "str")], list(map(handlers.get("double"), [1, 2])))
methods = [dv.on_press, dv.on_reset, dv.on_press]
for m in methods:
    m()
print(dv.state, methods[0].__name__, type(methods[0]).__name__)
