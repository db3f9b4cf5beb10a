"""A door controller state machine driven by sensor events."""

TRANSITIONS = {
    ("locked", "unlock"): "closed",
    ("closed", "lock"): "locked",
    ("closed", "open"): "open",
    ("open", "close"): "closed",
    ("open", "timeout"): "alarm",
    ("alarm", "reset"): "closed",
}

ACTIONS = {
    "locked": ["engage_bolt"],
    "closed": ["release_bolt"],
    "open": ["start_timer"],
    "alarm": ["siren_on", "notify"],
}


class Controller:
    def __init__(self, state="locked"):
        self.state = state
        self.log = []
        self.errors = 0

    def fire(self, event):
        key = (self.state, event)
        nxt = TRANSITIONS.get(key)
        if nxt is None:
            self.errors += 1
            self.log.append("reject %s in %s" % (event, self.state))
            return []
        self.log.append("%s --%s--> %s" % (self.state, event, nxt))
        self.state = nxt
        return ACTIONS.get(nxt, [])

    def run(self, events):
        actions = []
        for ev in events:
            actions.extend(self.fire(ev))
        return actions


def validate(events):
    bad = [e for e in events if not isinstance(e, str)]
    if bad:
        raise TypeError("events must be strings, got %r" % (bad[0],))
    return events


def handler(event, context):
    ctl = Controller(event.get("state", "locked"))
    try:
        events = validate(event.get("events", []))
    except TypeError as e:
        return {"ok": False, "error": str(e)}
    actions = ctl.run(events)
    return {
        "ok": ctl.errors == 0,
        "state": ctl.state,
        "actions": actions,
        "log": ctl.log,
        "rejected": ctl.errors,
    }
